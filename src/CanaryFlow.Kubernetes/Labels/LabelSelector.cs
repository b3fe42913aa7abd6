using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.Labels;

/// <summary>
/// A Kubernetes label selector: requirements that all have to hold (there is no OR). Parses and prints the
/// <c>labelSelector=</c> string grammar as apimachinery's <c>pkg/labels</c> does, and converts the structured
/// <c>metav1.LabelSelector</c> found in specs.
/// </summary>
public sealed class LabelSelector : IEquatable<LabelSelector>
{
    private static readonly IReadOnlyDictionary<string, string> _noLabels = new Dictionary<string, string>();

    private readonly LabelRequirement[] _requirements;
    private readonly bool _matchesNothing;

    private LabelSelector(LabelRequirement[] requirements, bool matchesNothing)
    {
        _requirements = requirements;
        _matchesNothing = matchesNothing;
    }

    /// <summary>Matches every set of labels; what the empty string and <c>{}</c> mean.</summary>
    public static LabelSelector Everything { get; } = new([], matchesNothing: false);

    /// <summary>Matches no labels at all; what a null structured selector means.</summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>The requirements, sorted by key (stable for equal keys) as apimachinery keeps them.</summary>
    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    public bool IsEverything => !_matchesNothing && _requirements.Length == 0;

    public bool IsNothing => _matchesNothing;

    /// <summary>Parses the string grammar, e.g. <c>app=web,track in (canary,primary),!paused</c>.</summary>
    /// <exception cref="LabelSelectorParseException">With the message a real API server returns.</exception>
    public static LabelSelector Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return FromRequirements(LabelSelectorParser.Parse(selector));
    }

    /// <summary>A selector requiring every label of the set with exactly its value; an empty set is <see cref="Everything"/>.</summary>
    /// <exception cref="LabelSelectorParseException">When a key or value is not a valid label.</exception>
    public static LabelSelector FromSet(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return FromRequirements(labels
            .OrderBy(label => label.Key, StringComparer.Ordinal)
            .Select(label => LabelRequirement.Create(label.Key, LabelSelectorOperator.Equal, [label.Value])));
    }

    /// <summary>
    /// Converts a structured <c>metav1.LabelSelector</c> (<c>matchLabels</c>, <c>matchExpressions</c>) like
    /// apimachinery's <c>LabelSelectorAsSelector</c>: null selects nothing, an empty one selects everything.
    /// </summary>
    /// <exception cref="LabelSelectorParseException">For an unknown operator, wrong values or invalid labels.</exception>
    public static LabelSelector FromLabelSelectorObject(JsonObject? selector) =>
        selector is null ? Nothing : FromRequirements(StructuredLabelSelectorReader.Read(selector));

    public static LabelSelector FromRequirements(IEnumerable<LabelRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        var sorted = requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
        return sorted.Length == 0 ? Everything : new LabelSelector(sorted, matchesNothing: false);
    }

    /// <summary>Whether the labels satisfy every requirement; null labels are the empty set.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (_matchesNothing)
        {
            return false;
        }

        var present = labels ?? _noLabels;
        return _requirements.All(requirement => requirement.Matches(present));
    }

    /// <summary>
    /// The canonical string: requirements sorted by key, set values sorted. <see cref="Parse"/> reads it back to an
    /// equal selector. <see cref="Nothing"/> prints as the empty string, as in apimachinery.
    /// </summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));

    public bool Equals(LabelSelector? other) =>
        other is not null && _matchesNothing == other._matchesNothing && _requirements.SequenceEqual(other._requirements);

    public override bool Equals(object? obj) => Equals(obj as LabelSelector);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_matchesNothing);
        foreach (var requirement in _requirements)
        {
            hash.Add(requirement);
        }

        return hash.ToHashCode();
    }
}
