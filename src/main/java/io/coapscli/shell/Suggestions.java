package io.coapscli.shell;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What a mistyped option or subcommand was probably meant to be: the names within a small edit distance
 * (a swapped pair of letters counts as one edit, so {@code --pks} finds {@code --psk} and {@code gte}
 * finds {@code get}), closest first.
 */
public final class Suggestions {

    private Suggestions() {
    }

    public static List<String> closest(String typed, Collection<String> names) {
        int allowed = typed.replaceFirst("^-+", "").length() <= 4 ? 1 : 2;
        return names.stream().filter(name -> distance(typed, name) <= allowed)
                .sorted(Comparator.comparingInt((String name) -> distance(typed, name)).thenComparing(name -> name))
                .toList();
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn one text into the other. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
