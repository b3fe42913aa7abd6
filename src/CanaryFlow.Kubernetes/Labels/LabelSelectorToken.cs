namespace CanaryFlow.Kubernetes.Labels;

/// <summary>The token kinds of apimachinery's label selector lexer.</summary>
internal enum LabelSelectorTokenKind
{
    Error,
    EndOfString,
    ClosedParenthesis,
    Comma,
    DoesNotExist,
    DoubleEqual,
    Equal,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEqual,
    NotIn,
    OpenParenthesis,
}

/// <summary>A token and the text it was read from (empty for the end of the string).</summary>
internal readonly record struct LabelSelectorToken(LabelSelectorTokenKind Kind, string Literal);
