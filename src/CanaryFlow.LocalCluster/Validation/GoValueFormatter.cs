using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Json;

namespace CanaryFlow.LocalCluster.Validation;

/// <summary>
/// Renders values the way the Go code behind kube-apiserver's messages does: <c>fmt</c>'s <c>%v</c> for floats,
/// <c>%q</c> (strconv.Quote) for strings and <c>encoding/json</c> for objects and arrays. Messages must match the
/// real server byte for byte, so .NET's own formatting cannot be used.
/// </summary>
internal static class GoValueFormatter
{

    /// <summary>How <c>field.Error</c> prints a bad value: scalars bare, strings quoted, the rest as JSON.</summary>
    public static string FormatBadValue(JsonNode? value)
    {
        return JsonNodeTypes.Of(value) switch
        {
            JsonNodeType.Null => "null",
            JsonNodeType.String => Quote(JsonNodeTypes.GetString(value)!),
            JsonNodeType.Integer => FormatInteger(value),
            JsonNodeType.Number => FormatFloat(JsonNodeTypes.GetNumber(value)),
            JsonNodeType.Boolean => value!.GetValue<bool>() ? "true" : "false",
            _ => Json(value),
        };
    }

    /// <summary>Go's <c>%v</c> of a float64: shortest round-trip digits, exponent form below 1e-4 and from 1e6.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var (negative, digits, pointPosition) = Decompose(value);
        var exponent = pointPosition - 1;
        var builder = new StringBuilder(digits.Length + 8);
        if (negative)
        {
            builder.Append('-');
        }

        // %v is %g with the shortest precision, for which strconv decides on the exponent form as if precision were 6.
        if (exponent < -4 || exponent >= 6)
        {
            AppendExponentForm(builder, digits, exponent);
        }
        else
        {
            AppendFixedForm(builder, digits, pointPosition);
        }

        return builder.ToString();
    }

    /// <summary>Go's strconv.Quote.</summary>
    public static string Quote(string value) => GoValueFormat.Quote(value);

    /// <summary>Go's json.Marshal of the value decoded into interface{}: map keys sorted, HTML characters escaped.</summary>
    public static string Json(JsonNode? value)
    {
        var builder = new StringBuilder();
        AppendJson(builder, value);
        return builder.ToString();
    }

    private static string FormatInteger(JsonNode? value)
    {
        JsonNodeTypes.TryGetInteger(value, out var l);
        return l.ToString(CultureInfo.InvariantCulture);
    }

    private static void AppendJson(StringBuilder builder, JsonNode? value)
    {
        switch (JsonNodeTypes.Of(value))
        {
            case JsonNodeType.Null:
                builder.Append("null");
                break;
            case JsonNodeType.Boolean:
                builder.Append(value!.GetValue<bool>() ? "true" : "false");
                break;
            case JsonNodeType.Integer:
                builder.Append(FormatInteger(value));
                break;
            case JsonNodeType.Number:
                builder.Append(FormatJsonFloat(JsonNodeTypes.GetNumber(value)));
                break;
            case JsonNodeType.String:
                GoValueFormat.AppendJsonString(builder, JsonNodeTypes.GetString(value)!);
                break;
            case JsonNodeType.Array:
                builder.Append('[');
                var array = (JsonArray)value!;
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendJson(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonNodeType.Object:
                var obj = (JsonObject)value!;
                var keys = new string[obj.Count];
                for (var i = 0; i < obj.Count; i++)
                {
                    keys[i] = obj.GetAt(i).Key;
                }

                Array.Sort(keys, StringComparer.Ordinal);
                builder.Append('{');
                for (var i = 0; i < keys.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    GoValueFormat.AppendJsonString(builder, keys[i]);
                    builder.Append(':');
                    AppendJson(builder, obj[keys[i]]);
                }

                builder.Append('}');
                break;
        }
    }

    /// <summary>encoding/json's float format: plain digits unless the magnitude is below 1e-6 or from 1e21.</summary>
    private static string FormatJsonFloat(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return FormatFloat(value);
        }

        var (negative, digits, pointPosition) = Decompose(value);
        var builder = new StringBuilder(digits.Length + 8);
        if (negative)
        {
            builder.Append('-');
        }

        var abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            AppendExponentForm(builder, digits, pointPosition - 1);

            // encoding/json shortens a two-digit negative exponent with a leading zero: e-07 becomes e-7.
            var n = builder.Length;
            if (n >= 4 && builder[n - 4] == 'e' && builder[n - 3] == '-' && builder[n - 2] == '0')
            {
                builder.Remove(n - 2, 1);
            }
        }
        else
        {
            AppendFixedForm(builder, digits, pointPosition);
        }

        return builder.ToString();
    }

    /// <summary>Splits a finite double into sign, shortest round-trip digits and the position of the decimal point.</summary>
    private static (bool Negative, string Digits, int PointPosition) Decompose(double value)
    {
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);

        // "R" gives the shortest round-trip digits, possibly in exponent form ("1E+21", "1.5E-05").
        var mantissa = shortest;
        var exponent = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exponent = int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fractionPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var digits = (integerPart + fractionPart).TrimStart('0');
        var leadingZeros = (integerPart + fractionPart).Length - digits.Length;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return (negative, "0", 1);
        }

        var pointPosition = integerPart.Length - leadingZeros + exponent;
        return (negative, digits, pointPosition);
    }

    private static void AppendExponentForm(StringBuilder builder, string digits, int exponent)
    {
        builder.Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits, 1, digits.Length - 1);
        }

        builder.Append('e').Append(exponent < 0 ? '-' : '+');
        var abs = Math.Abs(exponent);
        if (abs < 10)
        {
            builder.Append('0');
        }

        builder.Append(abs.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendFixedForm(StringBuilder builder, string digits, int pointPosition)
    {
        if (pointPosition <= 0)
        {
            builder.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            builder.Append(digits).Append('0', pointPosition - digits.Length);
        }
        else
        {
            builder.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }
    }
}
