using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Validation;

/// <summary>
/// One field-level validation error, the equivalent of apimachinery's <c>field.Error</c>: its <see cref="ErrorBody"/>
/// and <see cref="ToString"/> reproduce the Go text so that 422 messages and causes match the real server.
/// </summary>
public sealed record FieldError(FieldErrorType Type, string Field, JsonNode? BadValue, string Detail)
{
    /// <summary>True when the error carries no bad value, so the body shows only the type (apimachinery's omitValue).</summary>
    public bool ValueOmitted { get; init; }

    /// <summary>
    /// The bad value exactly as Go prints it, when JSON cannot express it (<c>0x0</c>, <c>map[string]string{...}</c>);
    /// it replaces the rendering of <see cref="BadValue"/>.
    /// </summary>
    public string? RawValue { get; init; }

    /// <summary>The Status cause reason, e.g. <c>FieldValueInvalid</c>.</summary>
    public string Reason => Type.Reason();

    /// <summary>The message without the field name, e.g. <c>Invalid value: 42: spec.size in body should be ...</c>.</summary>
    public string ErrorBody
    {
        get
        {
            var body = Type switch
            {
                FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong or FieldErrorType.Internal =>
                    Type.DisplayText(),
                _ when ValueOmitted => Type.DisplayText(),
                _ => Type.DisplayText() + ": " + (RawValue ?? GoValueFormatter.FormatBadValue(BadValue)),
            };
            return Detail.Length == 0 ? body : body + ": " + Detail;
        }
    }

    public override string ToString() => Field + ": " + ErrorBody;

    public FieldError WithRawValue(string rawValue) => this with { RawValue = rawValue };

    public static FieldError Required(string field, string detail) =>
        new(FieldErrorType.Required, field, null, detail) { ValueOmitted = true };

    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new(FieldErrorType.Invalid, field, value, detail);

    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> validValues)
    {
        ArgumentNullException.ThrowIfNull(validValues);
        var detail = new StringBuilder();
        foreach (var valid in validValues)
        {
            detail.Append(detail.Length == 0 ? "supported values: " : ", ").Append(GoValueFormatter.Quote(valid));
        }

        return new(FieldErrorType.NotSupported, field, value, detail.ToString());
    }

    public static FieldError Forbidden(string field, string detail) =>
        new(FieldErrorType.Forbidden, field, null, detail) { ValueOmitted = true };

    public static FieldError Duplicate(string field, JsonNode? value) =>
        new(FieldErrorType.Duplicate, field, value, string.Empty);

    /// <summary>A string longer than allowed; the value itself is never printed.</summary>
    public static FieldError TooLong(string field, JsonNode? value, long maxLength) =>
        new(FieldErrorType.TooLong, field, value,
            maxLength >= 0 ? "may not be longer than " + maxLength.ToString(CultureInfo.InvariantCulture) : "value is too long")
        {
            ValueOmitted = true,
        };

    /// <summary>A list (or map) with more entries than allowed; a negative <paramref name="actual"/> is not printed.</summary>
    public static FieldError TooMany(string field, long actual, long max)
    {
        var detail = max >= 0
            ? "must have at most " + max.ToString(CultureInfo.InvariantCulture) + (max == 1 ? " item" : " items")
            : "has too many items";
        return new(FieldErrorType.TooMany, field, actual >= 0 ? JsonValue.Create(actual) : null, detail)
        {
            ValueOmitted = actual < 0,
        };
    }

    public static FieldError TypeInvalid(string field, JsonNode? value, string detail) =>
        new(FieldErrorType.TypeInvalid, field, value, detail);

    public static FieldError NotFound(string field, JsonNode? value) =>
        new(FieldErrorType.NotFound, field, value, string.Empty);

    public static FieldError Internal(string field, string detail) =>
        new(FieldErrorType.Internal, field, null, detail) { ValueOmitted = true };

    /// <summary>
    /// apimachinery's aggregate text for a list of errors: identical messages once, a single message bare,
    /// several as <c>[e1, e2]</c>.
    /// </summary>
    public static string Aggregate(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new StringBuilder();
        foreach (var error in errors)
        {
            var message = error.ToString();
            if (!seen.Add(message))
            {
                continue;
            }

            if (seen.Count > 1)
            {
                result.Append(", ");
            }

            result.Append(message);
        }

        return seen.Count > 1 ? "[" + result + "]" : result.ToString();
    }
}
