using System.Globalization;
using System.Text;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Labels;

/// <summary>
/// One condition of a label selector: a key, an operator and (for most operators) values. Values are kept sorted
/// and without duplicates, so two requirements that select the same labels compare equal.
/// </summary>
public sealed class LabelRequirement : IEquatable<LabelRequirement>
{
    private readonly string[] _values;

    private LabelRequirement(string key, LabelSelectorOperator @operator, string[] values)
    {
        Key = key;
        Operator = @operator;
        _values = values;
    }

    public string Key { get; }

    public LabelSelectorOperator Operator { get; }

    public IReadOnlyList<string> Values => _values;

    /// <summary>
    /// Builds a requirement with apimachinery's <c>NewRequirement</c> validation: a valid key, valid values, one value
    /// for the equality operators, at least one for <c>in</c>/<c>notin</c>, none for the existence operators and one
    /// integer for <c>&gt;</c>/<c>&lt;</c>.
    /// </summary>
    /// <exception cref="LabelSelectorParseException">With apimachinery's message.</exception>
    public static LabelRequirement Create(string key, LabelSelectorOperator @operator, IEnumerable<string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var given = values?.ToList() ?? [];
        var problems = Validate(key, @operator, given);
        if (problems.Count > 0)
        {
            throw new LabelSelectorParseException(FieldErrorMessage.Aggregate(problems));
        }

        var normalized = given.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new LabelRequirement(key, @operator, normalized);
    }

    /// <summary>Whether these labels satisfy the requirement; a missing label satisfies only the negative operators.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelSelectorOperator.In or LabelSelectorOperator.Equal or LabelSelectorOperator.DoubleEqual =>
                present && HasValue(value!),
            LabelSelectorOperator.NotIn or LabelSelectorOperator.NotEqual => !present || !HasValue(value!),
            LabelSelectorOperator.Exists => present,
            LabelSelectorOperator.DoesNotExist => !present,
            LabelSelectorOperator.GreaterThan => present && TryParseInteger(value!, out var actual) && actual > Bound(),
            LabelSelectorOperator.LessThan => present && TryParseInteger(value!, out var actual) && actual < Bound(),
            _ => false,
        };
    }

    /// <summary>The requirement in selector syntax, values sorted, as apimachinery prints it.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        if (Operator == LabelSelectorOperator.DoesNotExist)
        {
            builder.Append('!');
        }

        builder.Append(Key);
        switch (Operator)
        {
            case LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist:
                return builder.ToString();
            case LabelSelectorOperator.In or LabelSelectorOperator.NotIn:
                builder.Append(Operator == LabelSelectorOperator.In ? " in (" : " notin (");
                return builder.Append(string.Join(",", _values)).Append(')').ToString();
            default:
                builder.Append(Operator switch
                {
                    LabelSelectorOperator.Equal => "=",
                    LabelSelectorOperator.DoubleEqual => "==",
                    LabelSelectorOperator.NotEqual => "!=",
                    LabelSelectorOperator.GreaterThan => ">",
                    _ => "<",
                });
                return builder.Append(_values[0]).ToString();
        }
    }

    public bool Equals(LabelRequirement? other) =>
        other is not null
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && Operator == other.Operator
        && _values.SequenceEqual(other._values, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LabelRequirement);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key, StringComparer.Ordinal);
        hash.Add(Operator);
        foreach (var value in _values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private static List<string> Validate(string key, LabelSelectorOperator @operator, List<string> values)
    {
        var problems = new List<string>();
        var keyProblems = LabelFormat.KeyProblems(key);
        if (keyProblems.Count > 0)
        {
            problems.Add(FieldErrorMessage.Invalid("key", GoValueFormat.Quote(key), string.Join("; ", keyProblems)));
        }

        var valuesText = GoValueFormat.JsonStringList(values);
        switch (@operator)
        {
            case LabelSelectorOperator.In or LabelSelectorOperator.NotIn:
                if (values.Count == 0)
                {
                    problems.Add(FieldErrorMessage.Invalid("values", valuesText, "for 'in', 'notin' operators, values set can't be empty"));
                }

                break;
            case LabelSelectorOperator.Equal or LabelSelectorOperator.DoubleEqual or LabelSelectorOperator.NotEqual:
                if (values.Count != 1)
                {
                    problems.Add(FieldErrorMessage.Invalid("values", valuesText, "exact-match compatibility requires one single value"));
                }

                break;
            case LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist:
                if (values.Count != 0)
                {
                    problems.Add(FieldErrorMessage.Invalid("values", valuesText, "values set must be empty for exists and does not exist"));
                }

                break;
            case LabelSelectorOperator.GreaterThan or LabelSelectorOperator.LessThan:
                if (values.Count != 1)
                {
                    problems.Add(FieldErrorMessage.Invalid("values", valuesText, "for 'Gt', 'Lt' operators, exactly one value is required"));
                }

                for (var i = 0; i < values.Count; i++)
                {
                    if (!TryParseInteger(values[i], out _))
                    {
                        problems.Add(FieldErrorMessage.Invalid($"values[{i}]", GoValueFormat.Quote(values[i]), "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(@operator), @operator, "unknown label selector operator");
        }

        for (var i = 0; i < values.Count; i++)
        {
            var valueProblems = LabelFormat.ValueProblems(values[i]);
            if (valueProblems.Count > 0)
            {
                problems.Add(FieldErrorMessage.Invalid($"values[{i}][{key}]", GoValueFormat.Quote(values[i]), string.Join("; ", valueProblems)));
            }
        }

        return problems;
    }

    private bool HasValue(string value) => Array.BinarySearch(_values, value, StringComparer.Ordinal) >= 0;

    // Validation guarantees the single value parses.
    private long Bound() => long.Parse(_values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    // Go's strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, nothing else.
    private static bool TryParseInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
