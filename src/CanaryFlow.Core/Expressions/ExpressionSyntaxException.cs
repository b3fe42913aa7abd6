namespace CanaryFlow.Core.Expressions;

/// <summary>The text is not a valid expression; thrown by <see cref="ConditionExpression.Parse"/>.</summary>
public sealed class ExpressionSyntaxException : ExpressionException
{
    internal ExpressionSyntaxException(string text, int index, string subject, string? detail = null)
        : base(text, index, subject, detail)
    {
    }
}
