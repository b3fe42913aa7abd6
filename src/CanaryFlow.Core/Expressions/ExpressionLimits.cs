namespace CanaryFlow.Core.Expressions;

/// <summary>
/// Bounds on one evaluation, so that a hostile or careless expression (nested <c>all</c> over a large vector, say)
/// ends quickly with an <see cref="ExpressionEvaluationException"/> of kind
/// <see cref="ExpressionErrorKind.LimitExceeded"/> instead of holding a reconcile. Counted in steps, not wall-clock
/// time, so that the same expression passes or fails the same way on a fast and a loaded machine.
/// </summary>
public sealed record ExpressionLimits
{
    private readonly int _maxSteps = 100_000;
    private readonly int _maxListLength = 10_000;
    private readonly int _maxStringLength = 65_536;

    public static ExpressionLimits Default { get; } = new();

    /// <summary>
    /// Operations allowed: one per node evaluated, one per list element a function or comparison visits, and one per
    /// 64 characters a string operation handles.
    /// </summary>
    public int MaxSteps
    {
        get => _maxSteps;
        init => _maxSteps = Positive(value);
    }

    /// <summary>The longest list that <c>map</c> and <c>filter</c> take or a list literal builds.</summary>
    public int MaxListLength
    {
        get => _maxListLength;
        init => _maxListLength = Positive(value);
    }

    /// <summary>The longest string that <c>+</c> may build.</summary>
    public int MaxStringLength
    {
        get => _maxStringLength;
        init => _maxStringLength = Positive(value);
    }

    private static int Positive(int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Expression limits must be positive.");
}
