namespace CanaryFlow.Core.Expressions;

/// <summary>
/// Binding strength, loosest first. The parser and the printer share it, so that printing with the fewest
/// parentheses and parsing back give the same tree.
/// </summary>
internal static class Precedence
{
    public const int Or = 1;
    public const int And = 2;
    public const int Equality = 3;
    public const int Relational = 4;
    public const int Additive = 5;
    public const int Multiplicative = 6;
    public const int Unary = 7;
    public const int Power = 8;
    public const int Postfix = 9;
    public const int Primary = 10;

    public static int Of(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => Or,
        BinaryOperator.And => And,
        BinaryOperator.Equal or BinaryOperator.NotEqual => Equality,
        BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual
            or BinaryOperator.In => Relational,
        BinaryOperator.Add or BinaryOperator.Subtract => Additive,
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Remainder => Multiplicative,
        _ => Power,
    };

    public static int Of(ExpressionNode node) => node switch
    {
        BinaryNode binary => Of(binary.Operator),
        UnaryNode => Unary,
        IndexNode or MemberNode => Postfix,
        _ => Primary,
    };

    /// <summary>How the printer writes the operator; <c>and</c>/<c>or</c> come out as <c>&amp;&amp;</c>/<c>||</c>.</summary>
    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "||",
        BinaryOperator.And => "&&",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.In => "in",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        _ => "**",
    };

    public static string Symbol(UnaryOperator op) => op == UnaryOperator.Not ? "!" : "-";

    /// <summary>The binary operator a token stands for, <c>**</c> excluded: the parser handles it above unary operators.</summary>
    public static bool TryBinary(TokenKind kind, out BinaryOperator op)
    {
        BinaryOperator? found = kind switch
        {
            TokenKind.PipePipe or TokenKind.Or => BinaryOperator.Or,
            TokenKind.AmpAmp or TokenKind.And => BinaryOperator.And,
            TokenKind.EqualEqual => BinaryOperator.Equal,
            TokenKind.BangEqual => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.LessEqual => BinaryOperator.LessOrEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.GreaterEqual => BinaryOperator.GreaterOrEqual,
            TokenKind.In => BinaryOperator.In,
            TokenKind.Plus => BinaryOperator.Add,
            TokenKind.Minus => BinaryOperator.Subtract,
            TokenKind.Star => BinaryOperator.Multiply,
            TokenKind.Slash => BinaryOperator.Divide,
            TokenKind.Percent => BinaryOperator.Remainder,
            _ => null,
        };
        op = found.GetValueOrDefault();
        return found.HasValue;
    }
}
