package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The entry point of {@code forwardlearn device serve --system NAME --port N --token-file F}. */
@Timeout(30)
class ServeTest {
    @TempDir
    Path dir;

    @Test
    void servesASystemFoundByNameWithATokenFile() throws IOException {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "  lab-secret\n", StandardCharsets.UTF_8);
        byte[] token = Tokens.read(tokenFile);
        assertArrayEquals("lab-secret".getBytes(StandardCharsets.UTF_8), token);
        Map<String, String> options = Map.of("seed", "3", "slm-side", "4", "camera", "8");
        try (DeviceServer server = DeviceServer.serve("optical", options, DeviceServerConfig.builder().token(token).build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(RemoteConfig.builder(server.uri()).token(Tokens.read(tokenFile)).exact().build())) {
            assertEquals("tcp://127.0.0.1:" + server.port(), server.uri());
            assertEquals(16, remote.spec().inputSize());
            assertEquals(8, remote.spec().outputSize());
            double[][] x = new double[3][16];
            double[][] want;
            try (var local = SystemLookup.open("optical", options)) {
                want = local.measure(x);
            }
            assertArrayEquals(want, remote.measure(x));
            assertTrue(remote.state().length > 0, "simulated systems carry their drift state over the wire");
        }
    }

    @Test
    void theExampleDeviceIsServedByName() throws IOException {
        try (DeviceServer server = DeviceServer.serve("example-acoustic", Map.of("seed", "1000"), DeviceServerConfig.builder().build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(RemoteConfig.builder(server.uri()).exact().build());
             ExampleDevice twin = new ExampleDevice(1000, 0.01)) {
            assertEquals(twin.spec(), remote.spec());
            double[][] x = new double[4][20];
            for (int i = 0; i < 4; i++) for (int j = 0; j < 20; j++) x[i][j] = ((i * 7 + j * 3) % 11) / 10.0;
            assertArrayEquals(twin.measure(x), remote.measure(x));
        }
    }

    @Test
    void unknownSystemsAndBadTokenFilesAreRefusedClearly() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceServer.serve("theremin", Map.of(), DeviceServerConfig.builder().build()));
        assertTrue(e.getMessage().startsWith("Expected a physical system name, one of [optical, microwave, acoustic"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(got theremin)"));
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Tokens.read(empty));
        assertEquals("Expected a token of 1..1024 bytes in " + empty + " (got 0)", t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RemoteConfig.builder("http://127.0.0.1:80"));
        assertThrows(IllegalArgumentException.class, () -> DeviceServerConfig.builder().port(70000).build());
    }
}
