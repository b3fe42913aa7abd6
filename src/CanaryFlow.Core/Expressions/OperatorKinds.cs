namespace CanaryFlow.Core.Expressions;

internal enum UnaryOperator
{
    Not,
    Negate,
}

internal enum BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    In,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Power,
}
