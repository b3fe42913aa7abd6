namespace CanaryFlow.Kubernetes.Labels;

/// <summary>
/// The text of apimachinery's <c>field.Error</c> and of the aggregate its <c>ErrorList.ToAggregate</c> builds.
/// </summary>
internal static class FieldErrorMessage
{
    /// <summary>
    /// <c>field.Invalid(path, value, detail).Error()</c>; <paramref name="renderedValue"/> is already formatted
    /// (quoted string or JSON list).
    /// </summary>
    public static string Invalid(string path, string renderedValue, string detail) =>
        $"{path}: Invalid value: {renderedValue}: {detail}";

    /// <summary>One message stays as it is; several distinct ones are listed in brackets.</summary>
    public static string Aggregate(IEnumerable<string> messages)
    {
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }
}
