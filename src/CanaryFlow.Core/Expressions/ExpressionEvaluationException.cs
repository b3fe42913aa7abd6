namespace CanaryFlow.Core.Expressions;

/// <summary>A valid expression could not be evaluated with the given variables.</summary>
public sealed class ExpressionEvaluationException : ExpressionException
{
    internal ExpressionEvaluationException(ExpressionErrorKind kind, string text, int index, string subject, string? detail)
        : base(text, index, subject, detail)
    {
        Kind = kind;
    }

    public ExpressionErrorKind Kind { get; }

    /// <summary>
    /// The data the expression looked for is not there, as opposed to being there with the wrong type:
    /// <c>default(x, fallback)</c> falls back on these and only these. An unknown variable is not among them: it is a
    /// mistake in the template (<c>reslt</c> for <c>result</c>), and falling back on it would pass every measurement.
    /// </summary>
    internal bool IsMissingData =>
        Kind is ExpressionErrorKind.MissingField or ExpressionErrorKind.IndexOutOfRange or ExpressionErrorKind.EmptyList;
}
