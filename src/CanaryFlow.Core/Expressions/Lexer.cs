using System.Collections.Frozen;
using System.Text;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// Splits an expression into tokens (the lexical part of the grammar in <see cref="ConditionExpression"/>). The input
/// is already bounded by <see cref="ConditionExpression.MaxLength"/>, so the whole token list is built up front.
/// </summary>
internal static class Lexer
{
    private static readonly FrozenDictionary<string, TokenKind> _keywords = new Dictionary<string, TokenKind>
    {
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
        ["nil"] = TokenKind.Nil,
        ["null"] = TokenKind.Nil,
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["in"] = TokenKind.In,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, TokenKind> _twoCharacterOperators = new Dictionary<string, TokenKind>
    {
        ["**"] = TokenKind.StarStar,
        ["=="] = TokenKind.EqualEqual,
        ["!="] = TokenKind.BangEqual,
        ["<="] = TokenKind.LessEqual,
        [">="] = TokenKind.GreaterEqual,
        ["&&"] = TokenKind.AmpAmp,
        ["||"] = TokenKind.PipePipe,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    public static bool IsKeyword(string name) => _keywords.ContainsKey(name);

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
            {
                i++;
            }

            if (i == text.Length)
            {
                tokens.Add(new Token(TokenKind.End, i, ""));
                return tokens;
            }

            var c = text[i];
            var leadingPoint = c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])
                && (tokens.Count == 0 || !tokens[^1].EndsOperand);
            var token = c switch
            {
                _ when char.IsAsciiDigit(c) || leadingPoint => ReadNumber(text, i),
                '\'' or '"' => ReadString(text, i),
                _ when IsIdentifierStart(c) => ReadWord(text, i),
                _ => ReadOperator(text, i),
            };
            tokens.Add(token);
            i += token.Text.Length;
        }
    }

    // digits [ "." digits ] [ ("e" | "E") [ "+" | "-" ] digits ], or the same starting at the point (".5").
    private static Token ReadNumber(string text, int start)
    {
        var i = SkipDigits(text, start);
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i = SkipDigits(text, i + 1);
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var exponent = i + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent == text.Length || !char.IsAsciiDigit(text[exponent]))
            {
                throw new ExpressionSyntaxException(text, start, $"malformed number '{text[start..Math.Min(exponent, text.Length)]}'", "the exponent needs digits");
            }

            i = SkipDigits(text, exponent);
        }

        if (i < text.Length && IsIdentifierPart(text[i]))
        {
            var end = i;
            while (end < text.Length && IsIdentifierPart(text[end]))
            {
                end++;
            }

            throw new ExpressionSyntaxException(text, start, $"malformed number '{text[start..end]}'");
        }

        var literal = text[start..i];
        return new Token(TokenKind.Number, start, literal, Number: NumberText.ParseLiteral(literal));
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    // '...' or "...", with the escapes \\ \' \" \n \r \t. Any other character, a line break included, stands for itself.
    private static Token ReadString(string text, int start)
    {
        var quote = text[start];
        var value = new StringBuilder();
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] != '\\')
            {
                value.Append(text[i++]);
                continue;
            }

            if (i + 1 == text.Length)
            {
                i = text.Length;
                break;
            }

            value.Append(text[i + 1] switch
            {
                '\\' => '\\',
                '\'' => '\'',
                '"' => '"',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                var other => throw new ExpressionSyntaxException(text, i, $"unknown escape '\\{Printable(other)}'", @"strings know \\, \', \"", \n, \r and \t"),
            });
            i += 2;
        }

        if (i == text.Length)
        {
            throw new ExpressionSyntaxException(text, start, "unterminated string", $"it needs a closing {quote}");
        }

        return new Token(TokenKind.String, start, text[start..(i + 1)], Value: value.ToString());
    }

    private static Token ReadWord(string text, int start)
    {
        var i = start;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        var word = text[start..i];
        return _keywords.TryGetValue(word, out var keyword)
            ? new Token(keyword, start, word)
            : new Token(TokenKind.Identifier, start, word, Value: word);
    }

    private static Token ReadOperator(string text, int start)
    {
        if (start + 1 < text.Length && _twoCharacterOperators.TryGetValue(text.Substring(start, 2), out var twoCharacter))
        {
            return new Token(twoCharacter, start, text.Substring(start, 2));
        }

        var c = text[start];
        var kind = c switch
        {
            '+' => TokenKind.Plus,
            '-' => TokenKind.Minus,
            '*' => TokenKind.Star,
            '/' => TokenKind.Slash,
            '%' => TokenKind.Percent,
            '!' => TokenKind.Bang,
            '<' => TokenKind.Less,
            '>' => TokenKind.Greater,
            '(' => TokenKind.LeftParen,
            ')' => TokenKind.RightParen,
            '[' => TokenKind.LeftBracket,
            ']' => TokenKind.RightBracket,
            '{' => TokenKind.LeftBrace,
            '}' => TokenKind.RightBrace,
            ',' => TokenKind.Comma,
            '.' => TokenKind.Dot,
            '#' => TokenKind.Hash,
            // The likely slips of someone used to another language get a hint.
            '=' => throw new ExpressionSyntaxException(text, start, "unexpected '='", "use '==' to compare"),
            '&' => throw new ExpressionSyntaxException(text, start, "unexpected '&'", "use '&&' or 'and'"),
            '|' => throw new ExpressionSyntaxException(text, start, "unexpected '|'", "use '||' or 'or'"),
            _ => throw new ExpressionSyntaxException(text, start, $"unexpected character '{Printable(c)}'"),
        };
        return new Token(kind, start, c.ToString());
    }

    // Control and other invisible characters are named by code, so that a message shows what is really there.
    private static string Printable(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
