using System.Text;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// Writes a syntax tree back as text with the fewest parentheses that keep its shape: parsing the output gives the
/// same tree. The property tests print random trees and parse them back to check the parser against it.
/// </summary>
internal static class ExpressionPrinter
{
    public static string Print(ExpressionNode node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ExpressionNode node)
    {
        switch (node)
        {
            case LiteralNode literal:
                builder.Append(Literal(literal.Value));
                break;
            case VariableNode variable:
                builder.Append(variable.Name);
                break;
            case ElementNode:
                builder.Append('#');
                break;
            case ListNode list:
                builder.Append('[');
                AppendSeparated(builder, list.Items);
                builder.Append(']');
                break;
            case IndexNode index:
                AppendOperand(builder, index.Target, Precedence.Postfix);
                builder.Append('[');
                Append(builder, index.Key);
                builder.Append(']');
                break;
            case MemberNode member:
                AppendOperand(builder, member.Target, Precedence.Postfix);
                builder.Append('.').Append(member.Name);
                break;
            case UnaryNode unary:
                builder.Append(Precedence.Symbol(unary.Operator));
                AppendOperand(builder, unary.Operand, Precedence.Unary);
                break;
            case BinaryNode { Operator: BinaryOperator.Power } power:
                // The base is a postfix expression and the exponent a unary one (see Parser.ParsePower).
                AppendOperand(builder, power.Left, Precedence.Postfix);
                builder.Append(" ** ");
                AppendOperand(builder, power.Right, Precedence.Unary);
                break;
            case BinaryNode binary:
                var precedence = Precedence.Of(binary.Operator);
                AppendOperand(builder, binary.Left, precedence);
                builder.Append(' ').Append(Precedence.Symbol(binary.Operator)).Append(' ');
                // Left-associative: a right operand at the same level needs parentheses, a - (b - c).
                AppendOperand(builder, binary.Right, precedence + 1);
                break;
            case CallNode call:
                builder.Append(call.Name).Append('(');
                AppendSeparated(builder, call.Arguments);
                builder.Append(')');
                break;
            case PredicateNode predicate:
                builder.Append('{');
                Append(builder, predicate.Body);
                builder.Append('}');
                break;
        }
    }

    // A literal from the parser is never negative or NaN ("-1" is negation applied to 1), but it is +Inf when it is
    // too big for a double (1e400), and the language has no name for +Inf: 1e999 reads back as it.
    private static string Literal(ExpressionValue value) => value.Kind switch
    {
        ExpressionValueKind.String => ValueFormatter.Quote(value.AsString()),
        ExpressionValueKind.Number when double.IsPositiveInfinity(value.AsNumber()) => "1e999",
        _ => value.ToString(),
    };

    private static void AppendOperand(StringBuilder builder, ExpressionNode operand, int minPrecedence)
    {
        var parenthesize = Precedence.Of(operand) < minPrecedence;
        builder.Append(parenthesize ? "(" : "");
        Append(builder, operand);
        builder.Append(parenthesize ? ")" : "");
    }

    private static void AppendSeparated(StringBuilder builder, IEnumerable<ExpressionNode> nodes)
    {
        var first = true;
        foreach (var node in nodes)
        {
            builder.Append(first ? "" : ", ");
            first = false;
            Append(builder, node);
        }
    }
}
