namespace CanaryFlow.Kubernetes.Fields;

/// <summary>
/// A Kubernetes field selector (<c>fieldSelector=</c>): terms <c>field=value</c>, <c>field==value</c> or
/// <c>field!=value</c> joined by commas, all of which have to hold. Parsed as apimachinery's <c>pkg/fields</c> does.
/// </summary>
public sealed class FieldSelector
{
    private readonly FieldRequirement[] _requirements;

    private FieldSelector(FieldRequirement[] requirements) => _requirements = requirements;

    /// <summary>The selector that restricts nothing; what the empty string means.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms, sorted by their printed form.</summary>
    public IReadOnlyList<FieldRequirement> Requirements => _requirements;

    public bool IsEverything => _requirements.Length == 0;

    /// <exception cref="FieldSelectorParseException">With the message a real API server returns.</exception>
    public static FieldSelector Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return FromRequirements(FieldSelectorParser.Parse(selector));
    }

    public static FieldSelector FromRequirements(IEnumerable<FieldRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        var sorted = requirements.OrderBy(r => r.ToString(), StringComparer.Ordinal).ToArray();
        return sorted.Length == 0 ? Everything : new FieldSelector(sorted);
    }

    /// <summary>Escapes a literal value for use in a selector (<c>\</c>, <c>,</c> and <c>=</c> get a backslash).</summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return FieldValueEscaping.Escape(value);
    }

    /// <summary>
    /// Whether every term holds. <paramref name="fieldValue"/> gives a field's value, or null when the object does
    /// not have the field (which then compares as the empty string).
    /// </summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        ArgumentNullException.ThrowIfNull(fieldValue);
        return _requirements.All(requirement => requirement.Matches(fieldValue));
    }

    /// <summary>The canonical string: terms sorted, values escaped; <see cref="Parse"/> reads it back unchanged.</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));
}
