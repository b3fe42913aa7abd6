using System.Globalization;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// intstr.IntOrString: a JSON number or a JSON string, e.g. a target port (8080 or "http") or a surge (1 or "25%").
/// The default value is the number 0, as in Go.
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    private readonly int _intValue;
    private readonly string? _stringValue;

    private IntOrString(int intValue, string? stringValue)
    {
        _intValue = intValue;
        _stringValue = stringValue;
    }

    public bool IsString => _stringValue is not null;

    /// <exception cref="InvalidOperationException">When the value is a string.</exception>
    public int IntValue => IsString ? throw new InvalidOperationException($"\"{_stringValue}\" is a string, not a number") : _intValue;

    /// <exception cref="InvalidOperationException">When the value is a number.</exception>
    public string StringValue => _stringValue ?? throw new InvalidOperationException($"{_intValue} is a number, not a string");

    public static IntOrString FromInt32(int value) => new(value, null);

    public static IntOrString FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(0, value);
    }

    public static implicit operator IntOrString(int value) => FromInt32(value);

    public static implicit operator IntOrString(string value) => FromString(value);

    public override string ToString() => _stringValue ?? _intValue.ToString(CultureInfo.InvariantCulture);
}
