using System.Collections.Immutable;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// The syntax tree. <see cref="Index"/> is where the node's operator (or the node itself) starts in the text, for
/// error messages; <see cref="Depth"/> is the height of the subtree, which the parser bounds so that the recursive
/// evaluator and printer stay far from the end of the stack.
/// </summary>
internal abstract record ExpressionNode(int Index)
{
    public abstract int Depth { get; }

    protected static int DepthOf(IEnumerable<ExpressionNode> children) => 1 + children.Select(child => child.Depth).DefaultIfEmpty(0).Max();
}

internal sealed record LiteralNode(ExpressionValue Value, int Index) : ExpressionNode(Index)
{
    public override int Depth => 1;
}

internal sealed record VariableNode(string Name, int Index) : ExpressionNode(Index)
{
    public override int Depth => 1;
}

/// <summary><c>#</c>: the element a <c>{...}</c> predicate is applied to.</summary>
internal sealed record ElementNode(int Index) : ExpressionNode(Index)
{
    public override int Depth => 1;
}

/// <summary>A list literal, <c>[1, 2, 3]</c>.</summary>
internal sealed record ListNode(ImmutableArray<ExpressionNode> Items, int Index) : ExpressionNode(Index)
{
    public override int Depth { get; } = DepthOf(Items);
}

/// <summary><c>target[key]</c>.</summary>
internal sealed record IndexNode(ExpressionNode Target, ExpressionNode Key, int Index) : ExpressionNode(Index)
{
    public override int Depth { get; } = DepthOf([Target, Key]);
}

/// <summary><c>target.name</c>.</summary>
internal sealed record MemberNode(ExpressionNode Target, string Name, int Index) : ExpressionNode(Index)
{
    public override int Depth { get; } = DepthOf([Target]);
}

internal sealed record UnaryNode(UnaryOperator Operator, ExpressionNode Operand, int Index) : ExpressionNode(Index)
{
    public override int Depth { get; } = DepthOf([Operand]);
}

internal sealed record BinaryNode(BinaryOperator Operator, ExpressionNode Left, ExpressionNode Right, int Index) : ExpressionNode(Index)
{
    public override int Depth { get; } = DepthOf([Left, Right]);
}

/// <summary><c>name(arguments)</c>; the parser has checked that the function exists and the number of arguments.</summary>
internal sealed record CallNode(string Name, ImmutableArray<ExpressionNode> Arguments, int Index) : ExpressionNode(Index)
{
    public override int Depth { get; } = DepthOf(Arguments);
}

/// <summary><c>{ body }</c>, only ever an argument of a function that applies it to each element of a list.</summary>
internal sealed record PredicateNode(ExpressionNode Body, int Index) : ExpressionNode(Index)
{
    public override int Depth { get; } = DepthOf([Body]);
}
