using System.Text;

namespace CanaryFlow.Kubernetes.Labels;

/// <summary>
/// Splits a label selector into tokens exactly as apimachinery's lexer does: whitespace separates, the symbols
/// <c>= ! ( ) , &gt; &lt;</c> form the longest operator they can, and everything else is an identifier (or the
/// keywords <c>in</c>/<c>notin</c>). Mirroring it keeps error messages identical, including which text a
/// "found '...'" message quotes.
/// </summary>
internal sealed class LabelSelectorLexer
{
    private static readonly Dictionary<string, LabelSelectorTokenKind> _fixedTokens = new(StringComparer.Ordinal)
    {
        [")"] = LabelSelectorTokenKind.ClosedParenthesis,
        [","] = LabelSelectorTokenKind.Comma,
        ["!"] = LabelSelectorTokenKind.DoesNotExist,
        ["=="] = LabelSelectorTokenKind.DoubleEqual,
        ["="] = LabelSelectorTokenKind.Equal,
        [">"] = LabelSelectorTokenKind.GreaterThan,
        ["in"] = LabelSelectorTokenKind.In,
        ["<"] = LabelSelectorTokenKind.LessThan,
        ["!="] = LabelSelectorTokenKind.NotEqual,
        ["notin"] = LabelSelectorTokenKind.NotIn,
        ["("] = LabelSelectorTokenKind.OpenParenthesis,
    };

    private readonly string _input;
    private int _position;

    private LabelSelectorLexer(string input) => _input = input;

    /// <summary>All tokens of the selector, the last one always <see cref="LabelSelectorTokenKind.EndOfString"/>.</summary>
    public static IReadOnlyList<LabelSelectorToken> Tokenize(string selector)
    {
        var lexer = new LabelSelectorLexer(selector);
        var tokens = new List<LabelSelectorToken>();
        LabelSelectorToken token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != LabelSelectorTokenKind.EndOfString);

        return tokens;
    }

    private LabelSelectorToken Next()
    {
        var ch = Read();
        while (IsWhitespace(ch))
        {
            ch = Read();
        }

        if (ch == '\0')
        {
            return new LabelSelectorToken(LabelSelectorTokenKind.EndOfString, string.Empty);
        }

        Unread();
        return IsSpecialSymbol(ch) ? ScanSpecialSymbol() : ScanIdentifierOrKeyword();
    }

    private LabelSelectorToken ScanIdentifierOrKeyword()
    {
        var buffer = new StringBuilder();
        while (true)
        {
            var ch = Read();
            if (ch == '\0')
            {
                break;
            }

            if (IsSpecialSymbol(ch) || IsWhitespace(ch))
            {
                Unread();
                break;
            }

            buffer.Append(ch);
        }

        var text = buffer.ToString();
        return _fixedTokens.TryGetValue(text, out var kind)
            ? new LabelSelectorToken(kind, text)
            : new LabelSelectorToken(LabelSelectorTokenKind.Identifier, text);
    }

    private LabelSelectorToken ScanSpecialSymbol()
    {
        var buffer = new StringBuilder();
        LabelSelectorToken? longest = null;
        while (true)
        {
            var ch = Read();
            if (ch == '\0')
            {
                break;
            }

            if (!IsSpecialSymbol(ch))
            {
                Unread();
                break;
            }

            buffer.Append(ch);
            var text = buffer.ToString();
            if (_fixedTokens.TryGetValue(text, out var kind))
            {
                longest = new LabelSelectorToken(kind, text);
            }
            else if (longest is not null)
            {
                Unread();
                break;
            }
        }

        return longest ?? new LabelSelectorToken(LabelSelectorTokenKind.Error, $"error expected: keyword found '{buffer}'");
    }

    // Like apimachinery, a NUL character reads as the end of the input.
    private char Read()
    {
        if (_position >= _input.Length)
        {
            return '\0';
        }

        return _input[_position++];
    }

    private void Unread() => _position--;

    private static bool IsWhitespace(char ch) => ch is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecialSymbol(char ch) => ch is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
