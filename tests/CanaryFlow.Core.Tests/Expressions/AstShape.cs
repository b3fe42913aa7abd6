using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>
/// A tree as a fully parenthesized s-expression without positions, e.g. <c>(+ 1 (* 2 3))</c>, so that two trees
/// compare by shape alone.
/// </summary>
internal static class AstShape
{
    public static string Of(ExpressionNode node) => node switch
    {
        LiteralNode literal => literal.Value.ToString(),
        VariableNode variable => variable.Name,
        ElementNode => "#",
        ListNode list => $"(list{Items(list.Items)})",
        IndexNode index => $"(index {Of(index.Target)} {Of(index.Key)})",
        MemberNode member => $"(member {Of(member.Target)} {member.Name})",
        UnaryNode unary => $"({unary.Operator} {Of(unary.Operand)})",
        BinaryNode binary => $"({binary.Operator} {Of(binary.Left)} {Of(binary.Right)})",
        CallNode call => $"({call.Name}{Items(call.Arguments)})",
        PredicateNode predicate => $"{{{Of(predicate.Body)}}}",
        _ => throw new ArgumentException($"unknown node {node}", nameof(node)),
    };

    private static string Items(IEnumerable<ExpressionNode> nodes) => string.Concat(nodes.Select(node => " " + Of(node)));
}
