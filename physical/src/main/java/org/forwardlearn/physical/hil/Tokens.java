package org.forwardlearn.physical.hil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Shared-secret tokens: reading a token file and comparing tokens in constant time. */
public final class Tokens {
    private Tokens() {}

    /**
     * Reads a token file: its UTF-8 content with surrounding whitespace (a trailing newline) removed.
     *
     * @throws IllegalArgumentException if the token is empty or longer than {@value Protocol#MAX_TOKEN_BYTES} bytes
     */
    public static byte[] read(Path file) throws IOException {
        byte[] token = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        if (token.length == 0 || token.length > Protocol.MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("Expected a token of 1.." + Protocol.MAX_TOKEN_BYTES + " bytes in " + file
                    + " (got " + token.length + ")");
        }
        return token;
    }

    /**
     * Compares two tokens in time independent of where they differ and of their lengths: both are
     * hashed with SHA-256 and the digests compared with {@link MessageDigest#isEqual}.
     */
    public static boolean matches(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Expected SHA-256 in every Java runtime (got none)", e);
        }
    }
}
