using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// resource.Quantity (<c>500m</c>, <c>128Mi</c>, <c>1</c>) kept as the text it was written in; nothing here does
/// arithmetic on it. Servers write strings, but a custom resource whose schema allows int-or-string can hold a bare
/// number (<c>cpu: 1</c>), so reading accepts both and writing always gives the canonical string.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly record struct Quantity
{
    private readonly string? _text;

    public Quantity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
    }

    public string Text => _text ?? "0";

    public static Quantity FromString(string text) => new(text);

    public static implicit operator Quantity(string text) => new(text);

    /// <summary>Compares the text: 1 and 1000m are the same amount but not the same quantity here.</summary>
    public bool Equals(Quantity other) => string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}
