using System.Collections.Immutable;
using System.Diagnostics;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// Walks the syntax tree. Recursion is bounded by the tree's height (the parser's nesting limit), and every node
/// and every element visited is paid for from the step budget, so an evaluation always ends, and ends quickly.
/// </summary>
internal sealed class Evaluator(IReadOnlyDictionary<string, ExpressionValue> variables, EvaluationContext context)
{
    // The element that '#' stands for inside the innermost predicate being applied.
    private ExpressionValue? _element;

    public ExpressionValue Evaluate(ExpressionNode node)
    {
        context.Charge(node.Index);
        return node switch
        {
            LiteralNode literal => literal.Value,
            VariableNode variable => Variable(variable),
            ElementNode => _element ?? throw new UnreachableException("The parser let '#' through outside a predicate."),
            ListNode list => List(list),
            IndexNode index => Access.Index(Evaluate(index.Target), Evaluate(index.Key), context, index.Index),
            MemberNode member => Access.Member(Evaluate(member.Target), member.Name, context, member.Index),
            UnaryNode unary => Unary(unary),
            BinaryNode { Operator: BinaryOperator.And or BinaryOperator.Or } logical => Logical(logical),
            BinaryNode binary => BinaryOperations.Apply(binary.Operator, Evaluate(binary.Left), Evaluate(binary.Right), context, binary.Index),
            CallNode call => Call(call),
            _ => throw new UnreachableException("A {...} predicate is evaluated only by the function that takes it."),
        };
    }

    private ExpressionValue Variable(VariableNode variable)
    {
        if (variables.TryGetValue(variable.Name, out var value))
        {
            return value ?? ExpressionValue.Nil;
        }

        var known = variables.Keys.Order(StringComparer.Ordinal).Take(10).ToList();
        var detail = known.Count == 0 ? "no variables were given" : $"the variables are {string.Join(", ", known)}{(variables.Count > known.Count ? ", ..." : "")}";
        throw context.Error(ExpressionErrorKind.UnknownVariable, variable.Index, $"unknown variable '{variable.Name}'", detail);
    }

    private ExpressionValue List(ListNode list)
    {
        if (list.Items.Length > context.Limits.MaxListLength)
        {
            throw ListTooLong(list.Index, "'[...]'", list.Items.Length);
        }

        return ExpressionValue.ListOf([.. list.Items.Select(Evaluate)]);
    }

    private ExpressionValue Unary(UnaryNode unary)
    {
        var operand = Evaluate(unary.Operand);
        if (unary.Operator == UnaryOperator.Not)
        {
            return ExpressionValue.FromBool(!Bool(operand, "'!'", unary.Index));
        }

        return Coercion.TryNumber(operand, out var number)
            ? ExpressionValue.FromNumber(-number)
            : throw context.TypeMismatch(unary.Index, "'-'", $"negates a number, got {Coercion.Describe(operand)}");
    }

    // && and || look at their right side only when the left does not decide: false && x is false without x.
    private ExpressionValue Logical(BinaryNode node)
    {
        var symbol = $"'{Precedence.Symbol(node.Operator)}'";
        var left = Bool(Evaluate(node.Left), symbol, node.Index);
        if (left == (node.Operator == BinaryOperator.Or))
        {
            return ExpressionValue.FromBool(left);
        }

        return ExpressionValue.FromBool(Bool(Evaluate(node.Right), symbol, node.Index));
    }

    // Only true and false are truth values: no truthiness, so a number where a condition was meant is an error.
    private bool Bool(ExpressionValue value, string subject, int index) =>
        value.Kind == ExpressionValueKind.Bool
            ? value.AsBool()
            : throw context.TypeMismatch(index, subject, $"needs true or false, got {ValueFormatter.Describe(value)}");

    private ExpressionValue Call(CallNode call) => call.Name switch
    {
        "default" => Default(call),
        "all" or "any" or "none" or "filter" or "map" => ApplyPredicate(call),
        _ => Functions.Call(call.Name, [.. call.Arguments.Select(Evaluate)], context, call.Index),
    };

    /// <summary>
    /// <c>default(x, fallback)</c> is <c>fallback</c> when x is absent: nil, NaN, an empty list, a one-element list
    /// of those, or data that is not there at all (missing field, index out of range, aggregate of an empty list).
    /// Type errors, unknown variables and exceeded limits are mistakes rather than absence, and still fail.
    /// </summary>
    private ExpressionValue Default(CallNode call)
    {
        ExpressionValue value;
        try
        {
            value = Evaluate(call.Arguments[0]);
        }
        catch (ExpressionEvaluationException missing) when (missing.IsMissingData)
        {
            return Evaluate(call.Arguments[1]);
        }

        return Coercion.IsAbsent(value) ? Evaluate(call.Arguments[1]) : value;
    }

    /// <summary>
    /// all/any/none/filter/map apply the predicate to each element in order; all, any and none stop at the first
    /// element that decides. Over an empty list all and none are true and any is false, as in logic; Prometheus
    /// providers report an empty vector as an Error measurement before any condition sees it.
    /// </summary>
    private ExpressionValue ApplyPredicate(CallNode call)
    {
        var name = call.Name;
        var list = Evaluate(call.Arguments[0]);
        var body = ((PredicateNode)call.Arguments[1]).Body;
        if (list.Kind != ExpressionValueKind.List)
        {
            throw context.TypeMismatch(call.Index, $"'{name}'", $"takes a list as its first argument, got {ValueFormatter.Describe(list)}");
        }

        var items = list.Items;
        if (name is "filter" or "map" && items.Length > context.Limits.MaxListLength)
        {
            throw ListTooLong(call.Index, $"'{name}'", items.Length);
        }

        var results = ImmutableArray.CreateBuilder<ExpressionValue>(name == "map" ? items.Length : 0);
        foreach (var item in items)
        {
            var result = Apply(body, item);
            if (name == "map")
            {
                results.Add(result);
                continue;
            }

            var holds = result.Kind == ExpressionValueKind.Bool
                ? result.AsBool()
                : throw context.TypeMismatch(call.Index, $"'{name}'", $"needs a predicate that gives true or false, got {ValueFormatter.Describe(result)} for the element {item}");
            switch (name)
            {
                case "all" when !holds:
                case "none" when holds:
                    return ExpressionValue.FromBool(false);
                case "any" when holds:
                    return ExpressionValue.FromBool(true);
                case "filter" when holds:
                    results.Add(item);
                    break;
            }
        }

        return name switch
        {
            "all" or "none" => ExpressionValue.FromBool(true),
            "any" => ExpressionValue.FromBool(false),
            _ => ExpressionValue.ListOf(results.ToImmutable()),
        };
    }

    private ExpressionValue Apply(ExpressionNode body, ExpressionValue item)
    {
        var outer = _element;
        _element = item;
        try
        {
            return Evaluate(body);
        }
        finally
        {
            // Restored even on an error, which default() may catch and carry on after.
            _element = outer;
        }
    }

    private ExpressionEvaluationException ListTooLong(int index, string subject, int length) =>
        context.Error(ExpressionErrorKind.LimitExceeded, index, subject, $"works on at most {context.Limits.MaxListLength} elements, got {length}");
}
