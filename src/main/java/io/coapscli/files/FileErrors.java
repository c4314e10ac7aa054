package io.coapscli.files;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Why a file the user named cannot be used, in the words a shell uses, not an exception's. */
public final class FileErrors {

    private FileErrors() {
    }

    public static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
