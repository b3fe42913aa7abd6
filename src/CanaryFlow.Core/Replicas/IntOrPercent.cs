using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Core.Replicas;

/// <summary>
/// Resolves an int-or-percent field (<c>maxSurge: 1</c>, <c>maxUnavailable: "25%"</c>) against a total, as
/// apimachinery's <c>intstr.GetScaledValueFromIntOrPercent</c> does, except that negative values are refused here
/// rather than left to a separate validation pass.
/// </summary>
public static class IntOrPercent
{
    /// <param name="roundUp">Whether a percentage that does not come out whole rounds up (surge) or down
    /// (unavailability).</param>
    /// <param name="error">Why the value cannot be resolved, without the field's name.</param>
    public static bool TryGetScaledValue(IntOrString value, int total, bool roundUp, out int scaled, [NotNullWhen(false)] out string? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        scaled = 0;
        if (!value.IsString)
        {
            if (value.IntValue < 0)
            {
                error = $"invalid value {value.IntValue}: must not be negative";
                return false;
            }

            scaled = value.IntValue;
            error = null;
            return true;
        }

        if (!TryGetPercent(value.StringValue, out var percent, out error))
        {
            return false;
        }

        var share = (long)percent * total;
        scaled = (int)Math.Min(int.MaxValue, roundUp ? (share + 99) / 100 : share / 100);
        return true;
    }

    /// <summary>Reads <c>"25%"</c> as 25.</summary>
    public static bool TryGetPercent(string text, out int percent, [NotNullWhen(false)] out string? error)
    {
        percent = 0;
        if (!text.EndsWith('%'))
        {
            error = $"invalid value {GoValueFormat.Quote(text)}: must be a whole number or a percentage such as \"25%\"";
            return false;
        }

        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out percent))
        {
            error = $"invalid value {GoValueFormat.Quote(text)}: the percentage must be a whole number such as \"25%\"";
            return false;
        }

        if (percent < 0)
        {
            error = $"invalid value {GoValueFormat.Quote(text)}: must not be negative";
            return false;
        }

        error = null;
        return true;
    }
}
