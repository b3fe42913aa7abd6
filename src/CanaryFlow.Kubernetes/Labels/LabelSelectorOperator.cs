namespace CanaryFlow.Kubernetes.Labels;

/// <summary>
/// The operators of the label selector grammar. <see cref="Equal"/> and <see cref="DoubleEqual"/> match the same
/// labels; they are kept apart so a parsed selector prints back the way it was written, as apimachinery does.
/// </summary>
public enum LabelSelectorOperator
{
    /// <summary><c>k in (a,b)</c>: the label exists and its value is one of the values.</summary>
    In,

    /// <summary><c>k notin (a,b)</c>: the label is absent or its value is none of the values.</summary>
    NotIn,

    /// <summary><c>k=v</c>.</summary>
    Equal,

    /// <summary><c>k==v</c>.</summary>
    DoubleEqual,

    /// <summary><c>k!=v</c>: the label is absent or has another value.</summary>
    NotEqual,

    /// <summary><c>k</c>.</summary>
    Exists,

    /// <summary><c>!k</c>.</summary>
    DoesNotExist,

    /// <summary><c>k&gt;5</c>: the label exists and its value, read as an integer, is greater.</summary>
    GreaterThan,

    /// <summary><c>k&lt;5</c>: the label exists and its value, read as an integer, is smaller.</summary>
    LessThan,
}
