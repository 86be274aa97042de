package dev.bulwark.firewall.parse.internal;

import java.util.Arrays;
import java.util.List;

/**
 * The options of one match module in a rule line, {@code [!] --name [values...]} each, kept as
 * word indexes into the reused {@link IptablesLine}. Reused for every module of every line. Not API.
 */
final class ModuleOptions {

    private final IptablesLine words;
    private int count;
    private int[] bang = new int[8];
    private int[] name = new int[8];
    private int[] end = new int[8];

    ModuleOptions(IptablesLine words) {
        this.words = words;
    }

    void clear() {
        count = 0;
    }

    /**
     * Adds an option.
     *
     * @param bangAt the index of its {@code !}, or -1
     * @param nameAt the index of its name
     * @param endAt  the index after its last value
     */
    void add(int bangAt, int nameAt, int endAt) {
        if (count == name.length) {
            bang = Arrays.copyOf(bang, count * 2);
            name = Arrays.copyOf(name, count * 2);
            end = Arrays.copyOf(end, count * 2);
        }
        bang[count] = bangAt;
        name[count] = nameAt;
        end[count] = endAt;
        count++;
    }

    int size() {
        return count;
    }

    boolean negated(int k) {
        return bang[k] >= 0;
    }

    String name(int k) {
        return words.text(name[k]);
    }

    /** The column of the option's name. */
    int column(int k) {
        return words.column(name[k]);
    }

    int valueCount(int k) {
        return end[k] - name[k] - 1;
    }

    /** Value {@code j} of option {@code k}. */
    String value(int k, int j) {
        return words.text(name[k] + 1 + j);
    }

    /** The single value; throws {@link IllegalArgumentException} when there is not exactly one. */
    String value(int k) {
        int n = valueCount(k);
        if (n != 1) {
            throw new ModuleMatches.BadOption(column(k), "option " + name(k) + " needs exactly one value, got " + n);
        }
        return value(k, 0);
    }

    /** The word index of the single value, for reading it in place; throws like {@link #value(int)}. */
    int valueWord(int k) {
        value(k);
        return name[k] + 1;
    }

    /** The words of the line. */
    IptablesLine words() {
        return words;
    }

    /** The values, unquoted. */
    List<String> values(int k) {
        return List.of(words.texts(name[k] + 1, end[k]));
    }

    /** The option exactly as written in the line, from its {@code !} or name to its last value. */
    String text(int k) {
        return words.source(bang[k] >= 0 ? bang[k] : name[k], end[k] - 1);
    }
}
