namespace CanaryFlow.Core.Expressions;

public enum ExpressionValueKind
{
    Nil,
    Bool,
    Number,
    String,
    List,
    Map,
}
