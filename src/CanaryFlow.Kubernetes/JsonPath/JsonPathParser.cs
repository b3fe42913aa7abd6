using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>
/// Reads the kubectl JSONPath subset into steps. Grammar (whitespace allowed inside brackets and filters):
/// <code>
/// expression := ws ( "{" ws path ws "}" | path ) ws
/// path       := "$"? step*  |  "."              (a lone "." or "$" is the root)
/// step       := "." name | "." "*" | ".." ( name | "*" | bracket ) | bracket
/// bracket    := "[" ( "*" | quoted | integer | slice | "?(" filter ")" ) "]"
/// slice      := integer? ":" integer? ( ":" integer? )?
/// filter     := operand ( ( "==" | "!=" | "&lt;=" | "&gt;=" | "&lt;" | "&gt;" ) operand )?
/// operand    := ( "@" | "$" ) step* | quoted | number | "true" | "false"
/// </code>
/// A name runs up to the next delimiter; a backslash takes the next character literally (<c>.labels.app\.kubernetes\.io/name</c>).
/// </summary>
internal sealed class JsonPathParser
{
    // Characters that end a bare name: structure, quotes, and what can follow a path inside a filter.
    private const string _nameDelimiters = ".[](){}'\",=!<>*?&|";

    private static readonly (string Symbol, FilterComparisonOperator Operator)[] _comparisons =
    [
        ("==", FilterComparisonOperator.Equal),
        ("!=", FilterComparisonOperator.NotEqual),
        ("<=", FilterComparisonOperator.LessThanOrEqual),
        (">=", FilterComparisonOperator.GreaterThanOrEqual),
        ("<", FilterComparisonOperator.LessThan),
        (">", FilterComparisonOperator.GreaterThan),
    ];

    private readonly string _text;
    private readonly int _end;
    private int _position;

    private JsonPathParser(string text, int start, int end)
    {
        _text = text;
        _position = start;
        _end = end;
    }

    /// <exception cref="JsonPathParseException">With the position of the first problem.</exception>
    public static IReadOnlyList<JsonPathSegment> Parse(string text)
    {
        var start = 0;
        var end = text.Length;
        TrimWhitespace(text, ref start, ref end);
        if (start < end && text[start] == '{')
        {
            if (end - start < 2 || text[end - 1] != '}')
            {
                throw new JsonPathParseException(text, end, "expected '}' to close the expression");
            }

            start++;
            end--;
            TrimWhitespace(text, ref start, ref end);
        }

        if (start == end)
        {
            throw new JsonPathParseException(text, start, "empty path");
        }

        return new JsonPathParser(text, start, end).ParsePath();
    }

    private List<JsonPathSegment> ParsePath()
    {
        if (At('$'))
        {
            _position++;
        }
        else if (!At('.') && !At('['))
        {
            throw Error(_position, $"expected '.', '[' or '$' but found {Found()}");
        }

        if (_position == _end - 1 && At('.'))
        {
            _position++;
            return [];
        }

        var segments = ParseSteps();
        if (_position < _end)
        {
            throw Error(_position, $"unexpected {Found()}");
        }

        return segments;
    }

    private List<JsonPathSegment> ParseSteps()
    {
        var segments = new List<JsonPathSegment>();
        while (true)
        {
            if (At('.'))
            {
                segments.Add(ParseDotStep());
            }
            else if (At('['))
            {
                segments.Add(ParseBracket());
            }
            else
            {
                return segments;
            }
        }
    }

    private JsonPathSegment ParseDotStep()
    {
        _position++;
        if (!At('.'))
        {
            return ParseNameOrWildcard();
        }

        _position++;
        return new RecursiveDescentSegment(At('[') ? ParseBracket() : ParseNameOrWildcard());
    }

    private JsonPathSegment ParseNameOrWildcard()
    {
        if (At('*'))
        {
            _position++;
            return new WildcardSegment();
        }

        var start = _position;
        var name = new StringBuilder();
        while (_position < _end && !char.IsWhiteSpace(_text[_position]) && !_nameDelimiters.Contains(_text[_position], StringComparison.Ordinal))
        {
            if (_text[_position] == '\\')
            {
                _position++;
                if (_position == _end)
                {
                    throw Error(_position - 1, "backslash at the end of a name");
                }
            }

            name.Append(_text[_position]);
            _position++;
        }

        return name.Length > 0
            ? new ChildSegment(name.ToString())
            : throw Error(start, $"expected a field name or '*' but found {Found()}");
    }

    private JsonPathSegment ParseBracket()
    {
        _position++;
        SkipWhitespace();
        JsonPathSegment segment;
        if (At('*'))
        {
            _position++;
            segment = new WildcardSegment();
        }
        else if (At('?'))
        {
            segment = ParseFilter();
        }
        else if (At('\'') || At('"'))
        {
            segment = new ChildSegment(ReadQuoted());
        }
        else if (At('-') || At(':') || AtDigit())
        {
            segment = ParseIndexOrSlice();
        }
        else
        {
            throw Error(_position, $"expected an index, a slice, a quoted name, '*' or a filter but found {Found()}");
        }

        SkipWhitespace();
        Expect(']');
        return segment;
    }

    private JsonPathSegment ParseIndexOrSlice()
    {
        var start = ReadOptionalInteger();
        SkipWhitespace();
        if (!At(':'))
        {
            return start is { } index ? new IndexSegment(index) : throw Error(_position, $"expected an index but found {Found()}");
        }

        _position++;
        SkipWhitespace();
        var end = ReadOptionalInteger();
        SkipWhitespace();
        var step = 1;
        if (At(':'))
        {
            _position++;
            SkipWhitespace();
            var stepPosition = _position;
            if (ReadOptionalInteger() is { } givenStep)
            {
                step = givenStep > 0 ? givenStep : throw Error(stepPosition, "the slice step must be a positive integer");
            }
        }

        return new SliceSegment(start, end, step);
    }

    private FilterSegment ParseFilter()
    {
        _position++;
        SkipWhitespace();
        Expect('(');
        SkipWhitespace();
        var leftPosition = _position;
        var left = ParseOperand();
        SkipWhitespace();
        if (At(')'))
        {
            _position++;
            return left is PathOperand
                ? new FilterSegment(left, null, null)
                : throw Error(leftPosition, "a filter without a comparison must test a path starting with '@' or '$'");
        }

        var comparison = ParseComparisonOperator();
        SkipWhitespace();
        var right = ParseOperand();
        SkipWhitespace();
        Expect(')');
        return new FilterSegment(left, comparison, right);
    }

    private FilterComparisonOperator ParseComparisonOperator()
    {
        foreach (var (symbol, comparison) in _comparisons)
        {
            if (AtText(symbol))
            {
                _position += symbol.Length;
                return comparison;
            }
        }

        throw Error(_position, $"expected ')' or a comparison (==, !=, <, <=, >, >=) but found {Found()}");
    }

    private FilterOperand ParseOperand()
    {
        if (At('@') || At('$'))
        {
            var fromRoot = At('$');
            _position++;
            return new PathOperand(fromRoot, ParseSteps());
        }

        if (At('\'') || At('"'))
        {
            return new LiteralOperand(JsonValue.Create(ReadQuoted()));
        }

        if (At('-') || AtDigit())
        {
            return new LiteralOperand(ReadNumber());
        }

        foreach (var (word, value) in new[] { ("true", true), ("false", false) })
        {
            if (AtText(word))
            {
                _position += word.Length;
                return new LiteralOperand(JsonValue.Create(value));
            }
        }

        throw Error(_position, $"expected '@', '$', a quoted string, a number, true or false but found {Found()}");
    }

    private string ReadQuoted()
    {
        var start = _position;
        var quote = _text[_position++];
        var text = new StringBuilder();
        while (_position < _end)
        {
            var ch = _text[_position++];
            if (ch == quote)
            {
                return text.ToString();
            }

            if (ch == '\\' && _position < _end)
            {
                ch = _text[_position++];
            }

            text.Append(ch);
        }

        throw Error(start, "unterminated string");
    }

    private JsonValue ReadNumber()
    {
        var start = _position;
        if (At('-'))
        {
            _position++;
        }

        SkipDigits(start);
        if (At('.'))
        {
            _position++;
            SkipDigits(start);
        }

        if (At('e') || At('E'))
        {
            _position++;
            if (At('+') || At('-'))
            {
                _position++;
            }

            SkipDigits(start);
        }

        return JsonValue.Create(double.Parse(_text.AsSpan(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private void SkipDigits(int numberStart)
    {
        if (!AtDigit())
        {
            throw Error(numberStart, "malformed number");
        }

        while (AtDigit())
        {
            _position++;
        }
    }

    private int? ReadOptionalInteger()
    {
        var start = _position;
        if (At('-'))
        {
            _position++;
        }

        while (AtDigit())
        {
            _position++;
        }

        if (_position == start)
        {
            return null;
        }

        return int.TryParse(_text.AsSpan(start, _position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(start, "malformed integer");
    }

    private void Expect(char expected)
    {
        if (!At(expected))
        {
            throw Error(_position, $"expected '{expected}' but found {Found()}");
        }

        _position++;
    }

    private void SkipWhitespace()
    {
        while (_position < _end && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool At(char ch) => _position < _end && _text[_position] == ch;

    private bool AtDigit() => _position < _end && char.IsAsciiDigit(_text[_position]);

    private bool AtText(string text) =>
        _position + text.Length <= _end && string.CompareOrdinal(_text, _position, text, 0, text.Length) == 0;

    private string Found() => _position < _end ? $"'{_text[_position]}'" : "the end";

    private JsonPathParseException Error(int position, string reason) => new(_text, position, reason);

    private static void TrimWhitespace(string text, ref int start, ref int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
    }
}
