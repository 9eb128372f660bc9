package org.forwardlearn.datasets.download;

import org.forwardlearn.datasets.MissingDatasetFileException;
import org.forwardlearn.datasets.download.DatasetEntry.Kind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The known datasets: files (paths relative to the data directory, the layout of the shared datasets
 * folder), canonical URLs, SHA-256, sizes, citation and licence, as documented in the shared datasets README.
 */
public final class Catalogue {
    private static final Map<String, DatasetEntry> ENTRIES = new LinkedHashMap<>();
    private static final String PLANETOID = "https://github.com/kimiyoung/planetoid/raw/master/data/";
    private static final String GNNBENCH = "https://github.com/shchur/gnn-benchmark/raw/master/data/npz/";
    private static final String FASHION = "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/";
    private static final String MNIST = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String YANG = "Z. Yang, W. Cohen, R. Salakhutdinov, Revisiting Semi-Supervised Learning with "
            + "Graph Embeddings, ICML 2016; P. Sen et al., Collective Classification in Network Data, AI Magazine 2008";
    private static final String SHCHUR = "O. Shchur, M. Mumme, A. Bojchevski, S. Guennemann, Pitfalls of Graph Neural "
            + "Network Evaluation, NeurIPS R2L workshop 2018";
    private static final String BOJCHEVSKI = "A. Bojchevski, S. Guennemann, Deep Gaussian Embedding of Graphs, ICLR 2018";

    static {
        planetoid("cora", new String[][] {
            {"x", "23cfa55d91c6f624233f5eb7b6e3f141f1bd2b2ae39608a63cf5d084bb27baab", "22119"},
            {"y", "94465c14eb53e04ca262198dcbb2521ee8af60fb3f3d546cd6ca24a511b0e7d1", "4054"},
            {"tx", "b9afbaa4a400df991f6f02ef677e1e44da55ffc04801fd02f9e673987829226a", "148025"},
            {"ty", "41f5ac76596a1699cc33f53084a2419e92961c42bb75f36fc38e616d348532ad", "28135"},
            {"allx", "9419ba2f26f5c35243db64aba110e0f35a04851609e0dc5433450676ca6b8543", "257305"},
            {"ally", "2b998f5cc7fedc86e7f97ca2498f47a1ffc1462c29e2d578b23bf3f62b6e7d71", "47959"},
            {"graph", "58f13302f39dde8852dad6fe6d15b89b077b6d7f837626bce671ef80344b383d", "59847"},
            {"test.index", "297ce89af2b51a6a194181c7dbe1796c6a1cf9cd9349a88383b1b1e227867875", "5000"}});
        planetoid("citeseer", new String[][] {
            {"x", "d20de19150741e555de0ed037195630fc194114ebc7fd72ced62810148aa22f6", "31087"},
            {"y", "8ba87e515d8e3ee3cf52f6d2c5b86aa73f11ecad825a808455209ec26cd54924", "3014"},
            {"tx", "539a8906a2da97628d212f2fdd668c109a8b3f0d36574b59e5d3fd5b5303da21", "260321"},
            {"ty", "55e5bd1ba1e733a04598753ad1a8d57957f4b8f89e74519f41f4f4938767e4ce", "24135"},
            {"allx", "2ac30345d95c9ec933a817ee0bdd6a5f077f8c184a20e696910192d534414668", "595021"},
            {"ally", "f704b2d986dde6c2669934de1f3ae5696a6cf9455c0f6b2646a2d135ea0a1c95", "55623"},
            {"graph", "d79a4ef9d3e7169aee8946145f6b7306e35bc79bffad26346cfb94e10e9912a7", "61987"},
            {"test.index", "2af990671580b6b2df5d158d1038f8292e30c9cd821b5453f399659b25b723d4", "5000"}});
        planetoid("pubmed", new String[][] {
            {"x", "fbe9cb5c47200d1b7769a26e579be3b7130b556831f9d850e77c4c74f2599b33", "23172"},
            {"y", "e6c807633307a07ed659249006536a147c7999c797f11a2560752990181b41b3", "854"},
            {"tx", "4eb5f5d0f30f26497eb0ac6ac9719d09c67e284f1ed0385c93f3ef27a671da3d", "405505"},
            {"ty", "ee2e0d4819d9fbcc403689c3bf2e49face401b605932f093bc58ab6461130fdd", "12135"},
            {"allx", "508e538e2abdccdd54c4d3e9f49d638b4af7107d85845f66ddea5a5152658b7e", "7578385"},
            {"ally", "0c37bbe3b5014ec365e9d393cf4791925e5ed94fb194305d74f064a8d7b50f0e", "224739"},
            {"graph", "5b89f0036ca22909471f1e6558eb42fa06e0c730a577bde5b058b40638f81dc9", "471808"},
            {"test.index", "b101d421688bbaecbd82e8a18f1e282378d6830f3a37666f28ebc47f844341b5", "6000"}});
        add("citationfull-cora_ml", Kind.GRAPH, "CitationFull Cora_ML (PyG conventions)", BOJCHEVSKI, "MIT",
            f("citationfull/cora_ml.npz", "https://raw.githubusercontent.com/danielzuegner/gnn-meta-attack/"
                + "982d900d05f19f0bd061b8d4988310bd7baa5f91/data/cora_ml.npz",
                "ffbe4e64857dc6bf38f1877e4312559a064df84b59d0f32f938717de5d5af0fd", 1620832));
        add("citationfull-citeseer", Kind.GRAPH, "CitationFull CiteSeer (PyG conventions)", BOJCHEVSKI, "MIT",
            f("citationfull/citeseer.npz", "https://raw.githubusercontent.com/EdisonLeeeee/GraphData/"
                + "e766147ccf09e2e29ea449a4029482c21a93aa7d/datasets/citeseer_full.npz",
                "939e69aae038ecc385496f26ac9a22befe69256929a08c17c47aa0584843a520", 519139));
        add("citationfull-pubmed", Kind.GRAPH, "CitationFull PubMed (PyG conventions)", BOJCHEVSKI, "MIT",
            f("citationfull/pubmed.npz", "https://github.com/abojchevski/graph2gauss/raw/master/data/pubmed.npz",
                null, -1));
        add("gnnbench-cora", Kind.GRAPH, "Cora in the gnn-benchmark npz layout", SHCHUR, "MIT",
            f("gnn-benchmark-npz/cora.npz", GNNBENCH + "cora.npz",
                "068e22d90c3849b4057dfb05851741428992af058efcd4e7ebb4186f3d581de2", 540580));
        add("gnnbench-citeseer", Kind.GRAPH, "CiteSeer in the gnn-benchmark npz layout", SHCHUR, "MIT",
            f("gnn-benchmark-npz/citeseer.npz", GNNBENCH + "citeseer.npz",
                "280278b21b434c047922e8389518861416fb3ad39389c27865ff0e6bbb0aaab7", 1348784));
        add("amazon-computers", Kind.GRAPH, "Amazon Computers (gnn-benchmark)", SHCHUR, "MIT",
            f("gnn-benchmark-npz/amazon_electronics_computers.npz", GNNBENCH + "amazon_electronics_computers.npz",
                null, 31921488));
        add("amazon-photo", Kind.GRAPH, "Amazon Photo (gnn-benchmark)", SHCHUR, "MIT",
            f("gnn-benchmark-npz/amazon_electronics_photo.npz", GNNBENCH + "amazon_electronics_photo.npz",
                null, 17113960));
        add("coauthor-cs", Kind.GRAPH, "Coauthor CS (gnn-benchmark)", SHCHUR, "MIT",
            f("gnn-benchmark-npz/ms_academic_cs.npz", GNNBENCH + "ms_academic_cs.npz", null, 12835626));
        add("coauthor-physics", Kind.GRAPH, "Coauthor Physics (gnn-benchmark)", SHCHUR, "MIT",
            f("gnn-benchmark-npz/ms_academic_phy.npz", GNNBENCH + "ms_academic_phy.npz", null, 16374005));
        String pygcn = "https://raw.githubusercontent.com/tkipf/pygcn/master/data/cora/";
        add("cora-linqs", Kind.GRAPH, "Cora, LINQS plain-text release", "P. Sen et al. 2008; A. McCallum et al. 2000",
            "MIT (pygcn)",
            f("cora-linqs/cora.content", pygcn + "cora.content",
                "b8ebed0fd45e53995abafd1b70cf6a9fcc8f86abc5826d69b97fe6ca46e9c8ee", 7823427),
            f("cora-linqs/cora.cites", pygcn + "cora.cites",
                "ec1a372391b7f0f60a6aff0084e8abd8f19f0faa7e1f2441a41c492042d5945e", 69928));
        add("mnist", Kind.SAMPLES, "MNIST (IDX, gzip)", "Y. LeCun, C. Cortes, C. J. C. Burges, The MNIST database",
            "none stated (often CC BY-SA 3.0)",
            f("mnist/train-images-idx3-ubyte.gz", MNIST + "train-images-idx3-ubyte.gz", null, 9912422),
            f("mnist/train-labels-idx1-ubyte.gz", MNIST + "train-labels-idx1-ubyte.gz",
                "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28881),
            f("mnist/t10k-images-idx3-ubyte.gz", MNIST + "t10k-images-idx3-ubyte.gz",
                "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1648877),
            f("mnist/t10k-labels-idx1-ubyte.gz", MNIST + "t10k-labels-idx1-ubyte.gz",
                "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4542));
        add("fashion-mnist", Kind.SAMPLES, "Fashion-MNIST (IDX, gzip)", "H. Xiao, K. Rasul, R. Vollgraf, "
            + "Fashion-MNIST, arXiv:1708.07747", "MIT",
            f("fashion-mnist/train-images-idx3-ubyte.gz", FASHION + "train-images-idx3-ubyte.gz",
                "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", 26421880),
            f("fashion-mnist/train-labels-idx1-ubyte.gz", FASHION + "train-labels-idx1-ubyte.gz",
                "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", 29515),
            f("fashion-mnist/t10k-images-idx3-ubyte.gz", FASHION + "t10k-images-idx3-ubyte.gz",
                "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", 4422102),
            f("fashion-mnist/t10k-labels-idx1-ubyte.gz", FASHION + "t10k-labels-idx1-ubyte.gz",
                "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", 5148));
        add("vowels", Kind.SAMPLES, "Hillenbrand et al. (1995) vowel formants", "J. Hillenbrand, L. A. Getty, "
            + "M. J. Clark, K. Wheeler, JASA 97(5), 3099-3111 (1995)", "(c) 1995 J. Hillenbrand, free for research",
            f("hillenbrand-vowels/vowdata.dat", "https://raw.githubusercontent.com/kleinschmidt/hdp-bayes-vowels/"
                + "0787a1ab4007217f0ad2a756e0d1c4385f676fd2/hillenbrand-data/vowdata.dat",
                "05a4a69e2c6b0f444077245b1427d12bc86f8d7a32ae7a4b63f7e06e5712e4b1", 136111));
        add("digits", Kind.SAMPLES, "scikit-learn digits (8x8)", "E. Alpaydin, C. Kaynak, UCI optdigits (1998)",
            "BSD-3-Clause (scikit-learn); data CC BY 4.0",
            f("sklearn-digits/digits.csv.gz", "https://raw.githubusercontent.com/scikit-learn/scikit-learn/main/"
                + "sklearn/datasets/data/digits.csv.gz",
                "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22", 57523));
        add("vowels-pff", Kind.SAMPLES, "Hillenbrand vowels: women, the 7 PFF vowels", get("vowels").citation(),
            get("vowels").licence(), get("vowels").files().get(0));
        String phyll = "https://raw.githubusercontent.com/MomeniAli/PhyLL/e10480b47e1349c54b42aa659314276b3c24d92c/"
            + "Experimental%20Data/Acoustic/";
        add("phyll-acoustic", Kind.PAIRS, "10,001 measured input/output pairs of an acoustic cavity (PFF)",
            "A. Momeni et al., Backpropagation-free training of deep physical neural networks, Science 382 (2023)",
            "MIT",
            f("phyll-acoustic/x_data.csv", phyll + "x_data.csv",
                "348d6952fc328325da6070b6ff44ff3dc960b695e7bd08ef7389e64d9cf21f35", 1600272),
            f("phyll-acoustic/y_data.csv", phyll + "y_data.csv",
                "03c83be26aa1e56456e26e0c9e86b548906dbc0631c2e9300545f271c001648e", 1763839));
        add("phyll-vowels", Kind.SAMPLES, "The PFF paper's vowel workbook: 258 tokens of women, 7 vowels ae ah aw er ih iy uw, 12 formants",
            "A. Momeni et al., Backpropagation-free training of deep physical neural networks, Science 382 (2023); "
                + get("vowels").citation(), "MIT",
            f("phyll-vowels/Vowel_dataset.xlsx", "https://raw.githubusercontent.com/MomeniAli/PhyLL/"
                + "e10480b47e1349c54b42aa659314276b3c24d92c/Vowel%20datasets/Vowel_dataset.xlsx",
                "d492d33fcb2444daea663e7c4909dbcd2ad51fd479c97117a2c1f01790b70768", 29838));
        add("csbm", Kind.GENERATED_GRAPH, "contextual stochastic block model (generated, no download)",
            "Y. Deshpande et al., Contextual Stochastic Block Models, NeurIPS 2018", "n/a");
    }

    private Catalogue() {
    }

    private static DataFile f(String path, String url, String sha, long size) {
        return new DataFile(path, url, sha, size);
    }

    private static void add(String name, Kind kind, String desc, String cite, String licence, DataFile... files) {
        ENTRIES.put(name, new DatasetEntry(name, kind, desc, List.of(files), cite, licence));
    }

    private static void planetoid(String name, String[][] files) {
        List<DataFile> list = new ArrayList<>();
        for (String[] x : files) {
            String file = "ind." + name + "." + x[0];
            list.add(new DataFile("planetoid/" + file, PLANETOID + file, x[1], Long.parseLong(x[2])));
        }
        ENTRIES.put(name, new DatasetEntry(name, Kind.GRAPH, "Planetoid " + name + " (public split)", list, YANG,
            "MIT (c) 2016 Zhilin Yang"));
    }

    /** All dataset names, in catalogue order. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** All entries, in catalogue order. */
    public static List<DatasetEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.values()));
    }

    /** The entry called {@code name}; unknown names give an error listing the known ones. */
    public static DatasetEntry get(String name) {
        DatasetEntry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("Expected a dataset name in " + names() + " (got '" + name + "')");
        }
        return e;
    }

    /**
     * The local path of {@code file} under {@code dataDir}; throws {@link MissingDatasetFileException} naming
     * the URL if it does not exist.
     */
    public static Path require(Path dataDir, DataFile file) {
        Path p = dataDir.resolve(file.path());
        if (!Files.isRegularFile(p)) {
            throw new MissingDatasetFileException(p, file.url(), "Or run: forwardlearn data download <name>");
        }
        return p;
    }
}
