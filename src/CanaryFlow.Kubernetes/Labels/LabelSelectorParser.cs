using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Labels;

/// <summary>
/// The recursive-descent parser of apimachinery's <c>labels.Parse</c>, step for step, so that what parses, what the
/// values end up being (<c>in ()</c> and <c>(a,,b)</c> hold the empty value) and every error message agree with a
/// real API server.
/// </summary>
internal sealed class LabelSelectorParser
{
    private const string _requirementErrorPrefix = "unable to parse requirement: ";
    private const string _binaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly IReadOnlyList<LabelSelectorToken> _tokens;
    private int _position;

    private LabelSelectorParser(IReadOnlyList<LabelSelectorToken> tokens) => _tokens = tokens;

    /// <summary>
    /// Where a token is read decides whether <c>in</c>/<c>notin</c> are operators or plain identifiers
    /// (<c>in in (in)</c> is a valid selector).
    /// </summary>
    private enum ParseContext
    {
        KeyAndOperator,
        Values,
    }

    /// <summary>The requirements in the order written.</summary>
    /// <exception cref="LabelSelectorParseException">With apimachinery's message.</exception>
    public static IReadOnlyList<LabelRequirement> Parse(string selector) =>
        new LabelSelectorParser(LabelSelectorLexer.Tokenize(selector)).ParseRequirements();

    private List<LabelRequirement> ParseRequirements()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var token = Lookahead(ParseContext.Values);
            switch (token.Kind)
            {
                case LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.DoesNotExist:
                    requirements.Add(ParseRequirement());
                    var separator = Consume(ParseContext.Values);
                    if (separator.Kind == LabelSelectorTokenKind.EndOfString)
                    {
                        return requirements;
                    }

                    if (separator.Kind != LabelSelectorTokenKind.Comma)
                    {
                        throw new LabelSelectorParseException($"found '{separator.Literal}', expected: ',' or 'end of string'");
                    }

                    var next = Lookahead(ParseContext.Values);
                    if (next.Kind is not (LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.DoesNotExist))
                    {
                        throw new LabelSelectorParseException($"found '{next.Literal}', expected: identifier after ','");
                    }

                    break;
                case LabelSelectorTokenKind.EndOfString:
                    return requirements;
                default:
                    throw new LabelSelectorParseException($"found '{token.Literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, existence) = ParseKeyAndInferOperator();
        if (existence is { } existenceOperator)
        {
            return CreateRequirement(key, existenceOperator, []);
        }

        var @operator = ParseOperator();
        IEnumerable<string> values = @operator is LabelSelectorOperator.In or LabelSelectorOperator.NotIn
            ? ParseValueSet()
            : ParseExactValue();
        return CreateRequirement(key, @operator, values);
    }

    // A leading '!' makes DoesNotExist; a key followed by ',' or the end makes Exists; otherwise an operator follows.
    private (string Key, LabelSelectorOperator? Existence) ParseKeyAndInferOperator()
    {
        LabelSelectorOperator? existence = null;
        var token = Consume(ParseContext.Values);
        if (token.Kind == LabelSelectorTokenKind.DoesNotExist)
        {
            existence = LabelSelectorOperator.DoesNotExist;
            token = Consume(ParseContext.Values);
        }

        if (token.Kind != LabelSelectorTokenKind.Identifier)
        {
            throw RequirementError($"found '{token.Literal}', expected: identifier");
        }

        var keyProblems = LabelFormat.KeyProblems(token.Literal);
        if (keyProblems.Count > 0)
        {
            // apimachinery validates the key here with a nil field path, which prints as "<nil>".
            throw RequirementError(FieldErrorMessage.Invalid("<nil>", GoValueFormat.Quote(token.Literal), string.Join("; ", keyProblems)));
        }

        var next = Lookahead(ParseContext.Values).Kind;
        if (existence is null && next is LabelSelectorTokenKind.EndOfString or LabelSelectorTokenKind.Comma)
        {
            existence = LabelSelectorOperator.Exists;
        }

        return (token.Literal, existence);
    }

    private LabelSelectorOperator ParseOperator()
    {
        var token = Consume(ParseContext.KeyAndOperator);
        return token.Kind switch
        {
            LabelSelectorTokenKind.In => LabelSelectorOperator.In,
            LabelSelectorTokenKind.Equal => LabelSelectorOperator.Equal,
            LabelSelectorTokenKind.DoubleEqual => LabelSelectorOperator.DoubleEqual,
            LabelSelectorTokenKind.GreaterThan => LabelSelectorOperator.GreaterThan,
            LabelSelectorTokenKind.LessThan => LabelSelectorOperator.LessThan,
            LabelSelectorTokenKind.NotIn => LabelSelectorOperator.NotIn,
            LabelSelectorTokenKind.NotEqual => LabelSelectorOperator.NotEqual,
            _ => throw RequirementError($"found '{token.Literal}', expected: {_binaryOperators}"),
        };
    }

    private SortedSet<string> ParseValueSet()
    {
        var open = Consume(ParseContext.Values);
        if (open.Kind != LabelSelectorTokenKind.OpenParenthesis)
        {
            throw RequirementError($"found '{open.Literal}' expected: '('");
        }

        var first = Lookahead(ParseContext.Values);
        switch (first.Kind)
        {
            case LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.Comma:
                var values = ParseValueList();
                if (Consume(ParseContext.Values).Kind != LabelSelectorTokenKind.ClosedParenthesis)
                {
                    throw RequirementError($"found '{first.Literal}', expected: ')'");
                }

                return values;
            case LabelSelectorTokenKind.ClosedParenthesis:
                Consume(ParseContext.Values);
                return new SortedSet<string>(StringComparer.Ordinal) { string.Empty };
            default:
                throw RequirementError($"found '{first.Literal}', expected: ',', ')' or identifier");
        }
    }

    // A comma-separated list in which a missing value between, before or after commas is the empty value.
    // Leaves the closing parenthesis for the caller.
    private SortedSet<string> ParseValueList()
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var token = Consume(ParseContext.Values);
            switch (token.Kind)
            {
                case LabelSelectorTokenKind.Identifier:
                    values.Add(token.Literal);
                    var next = Lookahead(ParseContext.Values);
                    if (next.Kind == LabelSelectorTokenKind.Comma)
                    {
                        continue;
                    }

                    if (next.Kind == LabelSelectorTokenKind.ClosedParenthesis)
                    {
                        return values;
                    }

                    throw RequirementError($"found '{next.Literal}', expected: ',' or ')'");
                case LabelSelectorTokenKind.Comma:
                    if (values.Count == 0)
                    {
                        values.Add(string.Empty);
                    }

                    var afterComma = Lookahead(ParseContext.Values).Kind;
                    if (afterComma == LabelSelectorTokenKind.ClosedParenthesis)
                    {
                        values.Add(string.Empty);
                        return values;
                    }

                    if (afterComma == LabelSelectorTokenKind.Comma)
                    {
                        Consume(ParseContext.Values);
                        values.Add(string.Empty);
                    }

                    break;
                default:
                    throw RequirementError($"found '{token.Literal}', expected: ',', or identifier");
            }
        }
    }

    private string[] ParseExactValue()
    {
        var next = Lookahead(ParseContext.Values).Kind;
        if (next is LabelSelectorTokenKind.EndOfString or LabelSelectorTokenKind.Comma)
        {
            return [string.Empty];
        }

        var token = Consume(ParseContext.Values);
        if (token.Kind != LabelSelectorTokenKind.Identifier)
        {
            throw RequirementError($"found '{token.Literal}', expected: identifier");
        }

        return [token.Literal];
    }

    private static LabelRequirement CreateRequirement(string key, LabelSelectorOperator @operator, IEnumerable<string> values)
    {
        try
        {
            return LabelRequirement.Create(key, @operator, values);
        }
        catch (LabelSelectorParseException e)
        {
            throw RequirementError(e.Message);
        }
    }

    private LabelSelectorToken Lookahead(ParseContext context) => InContext(_tokens[Math.Min(_position, _tokens.Count - 1)], context);

    private LabelSelectorToken Consume(ParseContext context)
    {
        var token = Lookahead(context);
        _position++;
        return token;
    }

    private static LabelSelectorToken InContext(LabelSelectorToken token, ParseContext context) =>
        context == ParseContext.Values && token.Kind is LabelSelectorTokenKind.In or LabelSelectorTokenKind.NotIn
            ? token with { Kind = LabelSelectorTokenKind.Identifier }
            : token;

    private static LabelSelectorParseException RequirementError(string message) => new(_requirementErrorPrefix + message);
}
