package io.salestargets.command.domain;

/**
 * The free text of commands (a type's name, a row's reason) must come back as it was sent: from the
 * database, the history and the events. Two kinds of character cannot: NUL, which PostgreSQL's
 * {@code text} refuses, and a lone (unpaired) surrogate, which JSON can escape but no UTF-8 can
 * carry (the database driver writes it as {@code ?}).
 */
final class Text {

    private Text() {
    }

    /** What is wrong with free text that may span lines ({@code reason}), or null. */
    static String problemOfText(String text) {
        if (text.indexOf('\0') >= 0) {
            return "must not contain NUL characters";
        }
        return hasUnpairedSurrogate(text) ? "must be Unicode text: no unpaired surrogates" : null;
    }

    /** What is wrong with a one-line label ({@code name}), or null. */
    static String problemOfLabel(String text) {
        if (text.chars().anyMatch(Character::isISOControl)) {
            return "must be one line of text: no control characters";
        }
        return hasUnpairedSurrogate(text) ? "must be Unicode text: no unpaired surrogates" : null;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
