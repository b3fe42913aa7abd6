namespace CanaryFlow.Core.Expressions;

/// <summary>
/// The state of one evaluation that is not in the tree: the limits, the steps spent so far, and the text, for
/// positions in error messages. One per call to Evaluate, so that a parsed expression can be shared across threads.
/// </summary>
internal sealed class EvaluationContext(string text, ExpressionLimits limits)
{
    private int _steps;

    public ExpressionLimits Limits { get; } = limits;

    /// <summary>Steps spent so far; the tests read it to see the budget at work.</summary>
    public int Steps => _steps;

    /// <summary>Spends <paramref name="steps"/> of the budget; the operation at <paramref name="index"/> pays for them.</summary>
    public void Charge(int index, int steps = 1)
    {
        // Compared before adding, so that a large charge cannot wrap around.
        if (steps > Limits.MaxSteps - _steps)
        {
            _steps = Limits.MaxSteps;
            throw Error(ExpressionErrorKind.LimitExceeded, index, "evaluation stopped", $"it took more than {Limits.MaxSteps} steps");
        }

        _steps += steps;
    }

    /// <summary>One step per 64 characters that a string operation reads or writes.</summary>
    public void ChargeForLength(int index, int length) => Charge(index, 1 + (length / 64));

    public ExpressionEvaluationException Error(ExpressionErrorKind kind, int index, string subject, string? detail = null) =>
        new(kind, text, index, subject, detail);

    public ExpressionEvaluationException TypeMismatch(int index, string subject, string detail) =>
        Error(ExpressionErrorKind.TypeMismatch, index, subject, detail);
}
