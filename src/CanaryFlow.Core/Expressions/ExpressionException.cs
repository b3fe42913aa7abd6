namespace CanaryFlow.Core.Expressions;

/// <summary>
/// Anything that went wrong with a condition expression: one base, so that the analysis code can turn every
/// expression problem into an Error measurement with one catch and let every other exception (a bug) through.
/// </summary>
/// <remarks>
/// Messages read <c>"{subject} at {position}: {detail}"</c>, e.g. <c>unexpected ')' at column 14: expected a
/// value</c>; they end up in AnalysisRun measurements and Events, so they name the place and the values involved, on
/// one line. <see cref="Excerpt"/> adds the line of text with a caret under the place, for people fixing the text.
/// </remarks>
public abstract class ExpressionException : Exception
{
    private protected ExpressionException(string text, int index, string subject, string? detail)
        : this(text, SourcePosition.In(text, index), subject, detail)
    {
    }

    private ExpressionException(string text, SourcePosition position, string subject, string? detail)
        : base(detail is null ? $"{subject} at {position}" : $"{subject} at {position}: {detail}")
    {
        Position = position;
        Excerpt = SourceExcerpt.Render(text, position);
    }

    /// <summary>Where in the expression's text the problem is.</summary>
    public SourcePosition Position { get; }

    /// <summary>
    /// Two lines: the line of the expression that holds <see cref="Position"/> (a window of it when it is long) and a
    /// caret under the column, e.g. <c>"result[0] >= )\n             ^"</c>.
    /// </summary>
    public string Excerpt { get; }
}
