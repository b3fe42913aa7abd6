namespace CanaryFlow.Kubernetes.Fields;

/// <summary>
/// apimachinery's <c>fields.ParseSelector</c>: terms split at unescaped commas and sorted, each split at the first
/// <c>!=</c>, <c>==</c> or <c>=</c>; the field name is taken literally, the value unescaped.
/// </summary>
internal static class FieldSelectorParser
{
    private static readonly string[] _operators = ["!=", "==", "="];

    public static IReadOnlyList<FieldRequirement> Parse(string selector)
    {
        var terms = SplitTerms(selector);

        // Sorting before parsing decides which of several bad terms is reported, as in apimachinery.
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>();
        foreach (var term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }

            var (field, @operator, escapedValue) = SplitTerm(term)
                ?? throw new FieldSelectorParseException($"invalid selector: '{selector}'; can't understand '{term}'");
            var value = FieldValueEscaping.Unescape(escapedValue);

            // apimachinery turns a term with neither field nor value (a bare "=") into "everything" and drops it.
            if (field.Length == 0 && value.Length == 0)
            {
                continue;
            }

            requirements.Add(new FieldRequirement(field, @operator, value));
        }

        return requirements;
    }

    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        if (selector.Length == 0)
        {
            return terms;
        }

        var start = 0;
        var afterBackslash = false;
        for (var i = 0; i < selector.Length; i++)
        {
            var ch = selector[i];
            if (afterBackslash)
            {
                afterBackslash = false;
            }
            else if (ch == '\\')
            {
                afterBackslash = true;
            }
            else if (ch == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }

        terms.Add(selector[start..]);
        return terms;
    }

    private static (string Field, FieldSelectorOperator Operator, string EscapedValue)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var symbol in _operators)
            {
                if (string.CompareOrdinal(term, i, symbol, 0, symbol.Length) == 0)
                {
                    var @operator = symbol == "!=" ? FieldSelectorOperator.NotEqual : FieldSelectorOperator.Equal;
                    return (term[..i], @operator, term[(i + symbol.Length)..]);
                }
            }
        }

        return null;
    }
}
