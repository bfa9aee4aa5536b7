package io.github.qstashspring.broker.delivery;

import java.util.List;
import java.util.Locale;

import io.github.qstashspring.broker.api.BrokerException;

/**
 * An {@code Upstash-Retry-Delay} expression: arithmetic ({@code + - * / %}, unary minus,
 * parentheses) over numbers and the variable {@code retried}, with the functions
 * {@code pow}, {@code exp}, {@code sqrt}, {@code abs}, {@code floor}, {@code ceil},
 * {@code round}, {@code min} and {@code max}. The result is the delay before the next
 * retry in milliseconds. Parsed once (invalid text is rejected at publish time) and
 * evaluated without reflection or scripting.
 */
final class RetryDelayExpression {

    private static final int MAX_LENGTH = 1000;

    private final String text;

    private final Node root;

    private RetryDelayExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses an expression.
     * @param text the header value, e.g. {@code pow(2, retried) * 1000}
     * @return the expression
     * @throws BrokerException (400) when the text is not a valid expression
     */
    static RetryDelayExpression parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw BrokerException.badRequest("invalid Upstash-Retry-Delay: expression too long");
        }
        Parser parser = new Parser(text);
        Node root = parser.expression();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error();
        }
        return new RetryDelayExpression(text.trim(), root);
    }

    /**
     * Evaluates the expression.
     * @param retried the number of retries already done ({@code 0} when computing the
     * first retry)
     * @return the delay in milliseconds, at least 0 ({@code NaN} counts as 0)
     */
    long delayMillis(int retried) {
        double value = this.root.eval(retried);
        if (Double.isNaN(value) || value <= 0) {
            return 0;
        }
        return (value >= Long.MAX_VALUE) ? Long.MAX_VALUE : (long) value;
    }

    /**
     * @return the expression text as given
     */
    String getText() {
        return this.text;
    }

    private interface Node {

        double eval(int retried);

    }

    private static final class Parser {

        private final String text;

        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Node expression() {
            Node left = term();
            while (true) {
                skipSpaces();
                if (accept('+')) {
                    Node l = left;
                    Node r = term();
                    left = (x) -> l.eval(x) + r.eval(x);
                }
                else if (accept('-')) {
                    Node l = left;
                    Node r = term();
                    left = (x) -> l.eval(x) - r.eval(x);
                }
                else {
                    return left;
                }
            }
        }

        Node term() {
            Node left = unary();
            while (true) {
                skipSpaces();
                if (accept('*')) {
                    Node l = left;
                    Node r = unary();
                    left = (x) -> l.eval(x) * r.eval(x);
                }
                else if (accept('/')) {
                    Node l = left;
                    Node r = unary();
                    left = (x) -> l.eval(x) / r.eval(x);
                }
                else if (accept('%')) {
                    Node l = left;
                    Node r = unary();
                    left = (x) -> l.eval(x) % r.eval(x);
                }
                else {
                    return left;
                }
            }
        }

        Node unary() {
            skipSpaces();
            if (accept('-')) {
                Node operand = unary();
                return (x) -> -operand.eval(x);
            }
            if (accept('+')) {
                return unary();
            }
            return primary();
        }

        Node primary() {
            skipSpaces();
            if (accept('(')) {
                Node inner = expression();
                expect(')');
                return inner;
            }
            if (this.pos < this.text.length() && (Character.isDigit(peek()) || peek() == '.')) {
                return number();
            }
            if (this.pos < this.text.length() && Character.isLetter(peek())) {
                String name = identifier();
                if (name.equals("retried")) {
                    return (x) -> x;
                }
                return function(name);
            }
            throw error();
        }

        private Node number() {
            int start = this.pos;
            while (this.pos < this.text.length() && (Character.isDigit(peek()) || peek() == '.')) {
                this.pos++;
            }
            try {
                double value = Double.parseDouble(this.text.substring(start, this.pos));
                return (x) -> value;
            }
            catch (NumberFormatException ex) {
                throw error();
            }
        }

        private String identifier() {
            int start = this.pos;
            while (this.pos < this.text.length() && Character.isLetterOrDigit(peek())) {
                this.pos++;
            }
            return this.text.substring(start, this.pos).toLowerCase(Locale.ROOT);
        }

        private Node function(String name) {
            skipSpaces();
            expect('(');
            List<Node> args = new java.util.ArrayList<>();
            skipSpaces();
            if (!accept(')')) {
                do {
                    args.add(expression());
                    skipSpaces();
                }
                while (accept(','));
                expect(')');
            }
            int arity = switch (name) {
                case "pow", "min", "max" -> 2;
                case "exp", "sqrt", "abs", "floor", "ceil", "round" -> 1;
                default -> throw BrokerException.badRequest("invalid Upstash-Retry-Delay: unknown function " + name);
            };
            if (args.size() != arity) {
                throw BrokerException.badRequest("invalid Upstash-Retry-Delay: " + name + " takes " + arity
                        + " argument" + (arity > 1 ? "s" : ""));
            }
            Node a = args.get(0);
            Node b = (arity == 2) ? args.get(1) : a;
            return switch (name) {
                case "pow" -> (x) -> Math.pow(a.eval(x), b.eval(x));
                case "min" -> (x) -> Math.min(a.eval(x), b.eval(x));
                case "max" -> (x) -> Math.max(a.eval(x), b.eval(x));
                case "exp" -> (x) -> Math.exp(a.eval(x));
                case "sqrt" -> (x) -> Math.sqrt(a.eval(x));
                case "abs" -> (x) -> Math.abs(a.eval(x));
                case "floor" -> (x) -> Math.floor(a.eval(x));
                case "ceil" -> (x) -> Math.ceil(a.eval(x));
                default -> (x) -> Math.round(a.eval(x));
            };
        }

        void skipSpaces() {
            while (this.pos < this.text.length() && Character.isWhitespace(peek())) {
                this.pos++;
            }
        }

        private char peek() {
            return this.text.charAt(this.pos);
        }

        private boolean accept(char c) {
            if (this.pos < this.text.length() && peek() == c) {
                this.pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            skipSpaces();
            if (!accept(c)) {
                throw error();
            }
        }

        BrokerException error() {
            return BrokerException.badRequest("invalid Upstash-Retry-Delay: unexpected input at position " + this.pos
                    + " of '" + this.text + "'");
        }

    }

}
