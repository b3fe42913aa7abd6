using System.Collections.Immutable;
using CanaryFlow.Core.Expressions;
using FsCheck;
using FsCheck.Fluent;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>
/// Random syntax trees. <see cref="Any"/> makes trees of every shape, sensible or not (for the printer round trip
/// and "only ExpressionException escapes"); <see cref="Number"/> and <see cref="Condition"/> make well-typed trees
/// over total operations only, which must evaluate without any error at all.
/// </summary>
internal static class AstGenerators
{
    /// <summary>The variables that <see cref="Any"/> names, with numbers, NaN, lists, strings and maps among them.</summary>
    public static IReadOnlyDictionary<string, ExpressionValue> Variables { get; } = new Dictionary<string, ExpressionValue>(Values.Environment)
    {
        ["result"] = ExpressionValue.FromNumbers(0.25, 0.75),
        ["x"] = ExpressionValue.FromNumber(3),
        ["len"] = ExpressionValue.FromString("a variable named like a function"),
    };

    /// <summary>Well-typed trees name only these two numbers (NaN and -Inf included, to reach every IEEE path).</summary>
    public static IReadOnlyDictionary<string, ExpressionValue> NumberVariables { get; } = new Dictionary<string, ExpressionValue>
    {
        ["x"] = ExpressionValue.FromNumber(double.NaN),
        ["y"] = ExpressionValue.FromNumber(double.NegativeInfinity),
        ["z"] = ExpressionValue.FromNumbers(-2.5),
    };

    private static readonly string[] _names = [.. Variables.Keys, "missing"];
    private static readonly string[] _fields = ["a", "b", "c", "nested", "zzz", "len", "_x9"];
    private static readonly string[] _strings = ["", "a", "abc", "1.5", "NaN", "it's", "say \"hi\"", "back\\slash", "two\nlines", "tab\tand é 😀"];
    private static readonly double[] _numbers = [0, 0.5, 1, 2, 3, 10, 0.001, 1e-7, 123.456, 1e21, 0.1, 5e-324, double.MaxValue];

    private static readonly BinaryOperator[] _arithmetic =
        [BinaryOperator.Add, BinaryOperator.Subtract, BinaryOperator.Multiply, BinaryOperator.Divide, BinaryOperator.Remainder, BinaryOperator.Power];

    private static readonly BinaryOperator[] _comparisons =
        [BinaryOperator.Equal, BinaryOperator.NotEqual, BinaryOperator.Less, BinaryOperator.LessOrEqual, BinaryOperator.Greater, BinaryOperator.GreaterOrEqual];

    public static Gen<ExpressionNode> Any() => Gen.Sized(size => Any(Math.Min(size, 40), inPredicate: false));

    public static Gen<ExpressionNode> Condition() => Gen.Sized(size => Bool(Math.Min(size, 30), inPredicate: false));

    public static Gen<ExpressionNode> Number() => Gen.Sized(size => Number(Math.Min(size, 30), inPredicate: false));

    private static Gen<ExpressionNode> Any(int size, bool inPredicate)
    {
        var leaf = AnyLeaf(inPredicate);
        if (size <= 1)
        {
            return leaf;
        }

        var half = size / 2;
        return Gen.Frequency(
            (3, leaf),
            (1, from op in Gen.Elements(UnaryOperator.Not, UnaryOperator.Negate)
                from operand in Any(size - 1, inPredicate)
                select (ExpressionNode)new UnaryNode(op, operand, 0)),
            (4, from op in Gen.Elements(Enum.GetValues<BinaryOperator>())
                from left in Any(half, inPredicate)
                from right in Any(half, inPredicate)
                select (ExpressionNode)new BinaryNode(op, left, right, 0)),
            (1, from target in Defer(() => Any(half, inPredicate))
                from key in Any(half, inPredicate)
                select (ExpressionNode)new IndexNode(target, key, 0)),
            (1, from target in Defer(() => Any(size - 1, inPredicate))
                from name in Gen.Elements(_fields)
                select (ExpressionNode)new MemberNode(target, name, 0)),
            (1, from items in Defer(() => Gen.ListOf(Any(size / 3, inPredicate)).Resize(3))
                select (ExpressionNode)new ListNode([.. items], 0)),
            (2, AnyCall(size, inPredicate)));
    }

    private static Gen<ExpressionNode> AnyLeaf(bool inPredicate)
    {
        var leaves = new List<(int, Gen<ExpressionNode>)>
        {
            (3, Gen.Elements(_numbers).Select(Literal)),
            (2, Gen.Elements(_strings).Select(text => Literal(ExpressionValue.FromString(text)))),
            (1, Gen.Elements(ExpressionValue.FromBool(true), ExpressionValue.FromBool(false), ExpressionValue.Nil).Select(Literal)),
            (4, Gen.Elements(_names).Select(name => (ExpressionNode)new VariableNode(name, 0))),
        };
        if (inPredicate)
        {
            leaves.Add((4, Gen.Constant<ExpressionNode>(new ElementNode(0))));
        }

        return Gen.Frequency(leaves);
    }

    private static Gen<ExpressionNode> AnyCall(int size, bool inPredicate) =>
        from name in Gen.Elements("len", "isNaN", "isInf", "isNil", "default", "asFloat", "asInt", "abs", "min", "max", "sum", "mean", "all", "any", "none", "filter", "map")
        from call in name switch
        {
            "all" or "any" or "none" or "filter" or "map" =>
                from list in Any(size / 2, inPredicate)
                from body in Any(size / 2, inPredicate: true)
                select Call(name, list, new PredicateNode(body, 0)),
            "default" =>
                from value in Any(size / 2, inPredicate)
                from fallback in Any(size / 2, inPredicate)
                select Call(name, value, fallback),
            "min" or "max" =>
                from arguments in Gen.NonEmptyListOf(Any(size / 3, inPredicate)).Resize(3)
                select Call(name, [.. arguments]),
            _ => Any(size - 1, inPredicate).Select(argument => Call(name, argument)),
        }
        select call;

    private static Gen<ExpressionNode> Number(int size, bool inPredicate)
    {
        var leaves = new List<(int, Gen<ExpressionNode>)>
        {
            (3, Gen.Elements(_numbers).Select(Literal)),
            (2, Gen.Elements("x", "y", "z").Select(name => (ExpressionNode)new VariableNode(name, 0))),
        };
        if (inPredicate)
        {
            leaves.Add((3, Gen.Constant<ExpressionNode>(new ElementNode(0))));
        }

        var leaf = Gen.Frequency(leaves);
        if (size <= 1)
        {
            return leaf;
        }

        var half = size / 2;
        return Gen.Frequency(
            (3, leaf),
            (1, Defer(() => Number(size - 1, inPredicate)).Select(operand => (ExpressionNode)new UnaryNode(UnaryOperator.Negate, operand, 0))),
            (4, from op in Gen.Elements(_arithmetic)
                from left in Number(half, inPredicate)
                from right in Number(half, inPredicate)
                select (ExpressionNode)new BinaryNode(op, left, right, 0)),
            (1, from name in Gen.Elements("abs", "asFloat")
                from argument in Number(size - 1, inPredicate)
                select Call(name, argument)),
            (1, from name in Gen.Elements("min", "max")
                from arguments in Gen.NonEmptyListOf(Number(size / 3, inPredicate)).Resize(3)
                select Call(name, [.. arguments])),
            (1, from name in Gen.Elements("sum", "len")
                from list in NumberList(size - 1, inPredicate)
                select Call(name, list)),
            (1, from list in Defer(() => NumberList(half, inPredicate))
                from index in Gen.Elements(0, -1)
                select (ExpressionNode)new IndexNode(list, index == 0 ? Literal(0) : new UnaryNode(UnaryOperator.Negate, Literal(1), 0), 0)),
            (1, from value in Defer(() => Number(half, inPredicate))
                from fallback in Number(half, inPredicate)
                select Call("default", value, fallback)));
    }

    // Never empty, so that indexing and min/max/mean over it are total.
    private static Gen<ExpressionNode> NumberList(int size, bool inPredicate)
    {
        var literal = from items in Defer(() => Gen.NonEmptyListOf(Number(size / 3, inPredicate)).Resize(3))
                      select (ExpressionNode)new ListNode([.. items], 0);
        if (size <= 1)
        {
            return literal;
        }

        return Gen.Frequency(
            (3, literal),
            (1, from list in Defer(() => NumberList(size / 2, inPredicate))
                from body in Number(size / 2, inPredicate: true)
                select Call("map", list, new PredicateNode(body, 0))));
    }

    private static Gen<ExpressionNode> Bool(int size, bool inPredicate)
    {
        var leaf = Gen.Elements(true, false).Select(value => Literal(ExpressionValue.FromBool(value)));
        if (size <= 1)
        {
            return leaf;
        }

        var half = size / 2;
        return Gen.Frequency(
            (1, leaf),
            (4, from op in Gen.Elements(_comparisons)
                from left in Number(half, inPredicate)
                from right in Number(half, inPredicate)
                select (ExpressionNode)new BinaryNode(op, left, right, 0)),
            (2, from op in Gen.Elements(BinaryOperator.And, BinaryOperator.Or, BinaryOperator.Equal, BinaryOperator.NotEqual)
                from left in Bool(half, inPredicate)
                from right in Bool(half, inPredicate)
                select (ExpressionNode)new BinaryNode(op, left, right, 0)),
            (1, Defer(() => Bool(size - 1, inPredicate)).Select(operand => (ExpressionNode)new UnaryNode(UnaryOperator.Not, operand, 0))),
            (1, from name in Gen.Elements("isNaN", "isInf")
                from argument in Number(size - 1, inPredicate)
                select Call(name, argument)),
            (1, from item in Defer(() => Number(half, inPredicate))
                from list in NumberList(half, inPredicate)
                select (ExpressionNode)new BinaryNode(BinaryOperator.In, item, list, 0)),
            (1, from name in Gen.Elements("all", "any", "none")
                from list in NumberList(half, inPredicate)
                from body in Bool(half, inPredicate: true)
                select Call(name, list, new PredicateNode(body, 0))));
    }

    // FsCheck builds a generator as soon as it is named. Deferring the recursive ones builds only the branch a sample
    // takes, so a tree costs time in proportion to its size instead of a generator graph exponential in the size.
    private static Gen<T> Defer<T>(Func<Gen<T>> make) => Gen.Constant(0).SelectMany(_ => make());

    private static ExpressionNode Literal(double value) => Literal(ExpressionValue.FromNumber(value));

    private static ExpressionNode Literal(ExpressionValue value) => new LiteralNode(value, 0);

    private static ExpressionNode Call(string name, params ExpressionNode[] arguments) => new CallNode(name, [.. arguments], 0);
}
