namespace CanaryFlow.Core.Expressions;

/// <summary>Why an evaluation failed, for callers and tests that must tell failures apart without reading messages.</summary>
public enum ExpressionErrorKind
{
    /// <summary>A value of the wrong kind, such as a string in arithmetic or a list of three numbers compared with a number.</summary>
    TypeMismatch,

    /// <summary>A variable that the caller did not supply.</summary>
    UnknownVariable,

    /// <summary>A map has no such field (<c>result.field</c> or <c>result["field"]</c>).</summary>
    MissingField,

    /// <summary>A list index past either end of the list.</summary>
    IndexOutOfRange,

    /// <summary>A function that needs at least one element (<c>min</c>, <c>max</c>, <c>mean</c>) got an empty list.</summary>
    EmptyList,

    /// <summary>A value of the right kind that the operation cannot use, such as <c>asFloat("abc")</c> or <c>asInt(NaN)</c>.</summary>
    InvalidArgument,

    /// <summary>The evaluation went past one of its <see cref="ExpressionLimits"/>.</summary>
    LimitExceeded,
}
