package org.forwardlearn.datasets.download;

import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.MissingDatasetFileException;
import org.forwardlearn.datasets.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uses the shared datasets folder as a mirror; never touches the network. */
class DownloaderTest {

    @Test
    void mirrorFolderCopiesVerifiesAndThenLoads(@TempDir Path data) {
        List<Long> progress = new ArrayList<>();
        List<Path> files = Downloader.download("cora", data, TestData.dir().toString(), new DownloadListener() {
            @Override
            public void onProgress(DataFile file, long bytes, long total) {
                progress.add(bytes);
            }
        });
        assertEquals(8, files.size());
        assertTrue(progress.size() >= 8);
        assertEquals("58f13302f39dde8852dad6fe6d15b89b077b6d7f837626bce671ef80344b383d",
                Downloader.sha256(data.resolve("planetoid/ind.cora.graph")));
        assertEquals(2708, Datasets.loadGraph("cora", data).numNodes());
        // second call: already valid, skipped
        List<Boolean> skipped = new ArrayList<>();
        Downloader.download("cora", data, TestData.dir().toUri().toString(), new DownloadListener() {
            @Override
            public void onDone(DataFile file, Path target, boolean wasSkipped) {
                skipped.add(wasSkipped);
            }
        });
        assertEquals(List.of(true, true, true, true, true, true, true, true), skipped);
    }

    @Test
    void fileUrlMirrorWorks(@TempDir Path data) {
        Downloader.download("digits", data, TestData.dir().toUri().toString(), null);
        assertEquals(1797, Datasets.loadSamples("digits", data).numTrain() + 450);
    }

    @Test
    void checksumMismatchDeletesTempAndNamesBothHashes(@TempDir Path data, @TempDir Path mirror) throws Exception {
        Path bad = mirror.resolve("hillenbrand-vowels/vowdata.dat");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "not the vowel data");
        String badHash = Downloader.sha256(bad);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> Downloader.download("vowels", data, mirror.toString(), null));
        assertTrue(e.getMessage().contains("hillenbrand-vowels/vowdata.dat"), e.getMessage());
        assertTrue(e.getMessage().contains("05a4a69e2c6b0f444077245b1427d12bc86f8d7a32ae7a4b63f7e06e5712e4b1"), e.getMessage());
        assertTrue(e.getMessage().contains(badHash), e.getMessage());
        try (Stream<Path> s = Files.walk(data)) {
            assertFalse(s.anyMatch(Files::isRegularFile), "no file (partial or final) must remain");
        }
    }

    @Test
    void fileMissingFromMirrorSaysWhatToDownloadAndWhere(@TempDir Path data) {
        MissingDatasetFileException e = assertThrows(MissingDatasetFileException.class,
                () -> Downloader.download("mnist", data, TestData.dir().toString(), null));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains(data.resolve("mnist/train-images-idx3-ubyte.gz").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("https://"), e.getMessage());
    }

    @Test
    void catalogueCoversTheIssueNames() {
        for (String n : List.of("cora", "citeseer", "pubmed", "citationfull-cora_ml", "citationfull-citeseer",
                "citationfull-pubmed", "amazon-photo", "amazon-computers", "coauthor-cs", "coauthor-physics",
                "cora-linqs", "mnist", "fashion-mnist", "vowels", "digits", "csbm")) {
            assertEquals(n, Catalogue.get(n).name());
        }
        for (DatasetEntry e : Catalogue.entries()) {
            for (DataFile f : e.files()) assertTrue(f.url().startsWith("https://"), f.url());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalogue.get("nope"));
        assertTrue(e.getMessage().contains("(got 'nope')"));
    }
}
