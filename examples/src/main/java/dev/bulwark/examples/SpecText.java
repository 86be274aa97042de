package dev.bulwark.examples;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** The spec's text: strict UTF-8 decoding with the position of a bad byte, and splitting a line into words. */
final class SpecText {

    private SpecText() {
    }

    /**
     * Decodes UTF-8, refusing malformed input at its line and column (the column counts characters).
     *
     * @throws ParseException at the first byte that is not part of a UTF-8 character
     */
    static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return refuse(bytes, source);
        }
    }

    private static String refuse(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true); // stops at the first malformed byte
        int bad = in.position();
        out.flip();
        int line = 1;
        int column = 1;
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        throw new ParseException(new Position(source, line, column), String.format(
                "not UTF-8: byte 0x%02X cannot start or continue a character; save the spec as UTF-8", bytes[bad] & 0xFF));
    }

    /** The words of a line (separated by whitespace), each made with its text and 1-based column. */
    static <W> List<W> words(String line, BiFunction<String, Integer, W> word) {
        List<W> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(word.apply(line.substring(start, i), start + 1));
            }
        }
        return words;
    }
}
