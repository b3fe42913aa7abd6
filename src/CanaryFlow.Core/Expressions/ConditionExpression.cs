using System.Collections.Immutable;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// A parsed <c>successCondition</c> or <c>failureCondition</c> of an AnalysisTemplate metric. Immutable: parse
/// once, evaluate for every measurement, from any thread. docs/expressions.md is the user's guide.
/// </summary>
/// <remarks>
/// <para>Grammar, loosest binding first (all binary operators are left-associative except <c>**</c>):</para>
/// <code>
/// expression     = or
/// or             = and { ("||" | "or") and }
/// and            = equality { ("&amp;&amp;" | "and") equality }
/// equality       = relational { ("==" | "!=") relational }
/// relational     = additive { ("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "in") additive }
/// additive       = multiplicative { ("+" | "-") multiplicative }
/// multiplicative = unary { ("*" | "/" | "%") unary }
/// unary          = ("!" | "not" | "-") unary | power
/// power          = postfix [ "**" unary ]                       (right-associative; -2 ** 2 is -4)
/// postfix        = primary { "[" expression "]" | "." name }
/// primary        = number | string | "true" | "false" | "nil" | "null" | name | "#"
///                | name "(" [ argument { "," argument } ] ")" | "(" expression ")"
///                | "[" [ expression { "," expression } ] "]"
/// argument       = expression | "{" expression "}"              (the predicate of all, any, none, filter, map)
/// number         = ( digits [ "." digits ] | "." digits ) [ ("e" | "E") [ "+" | "-" ] digits ]
/// string         = "'" ... "'" | '"' ... '"'                    (escapes \\ \' \" \n \r \t)
/// name           = (letter | "_") { letter | digit | "_" }      (ASCII; keywords excluded)
/// </code>
/// <para>
/// Functions: len, isNaN, isInf, isNil, default, asFloat, asInt, abs, min, max, sum, mean, and all, any, none,
/// filter, map with a <c>{...}</c> predicate in which <c>#</c> is the element. Unknown functions, a wrong number of
/// arguments and a misplaced <c>#</c> or <c>{...}</c> are syntax errors.
/// </para>
/// <para>
/// Values: see <see cref="ExpressionValue"/>; <see cref="ExpressionValue.FromMetricData"/> gives the <c>result</c>
/// of each provider shape. Numbers follow IEEE 754 as Prometheus does (NaN compares false, <c>1/0</c> is +Inf); a
/// list of exactly one element stands for that element; there is no truthiness.
/// </para>
/// <para>
/// Sandboxing: the language has no loops, no assignment, no access to .NET members and no I/O; the parser bounds
/// the text's length and nesting, and <see cref="ExpressionLimits"/> bounds each evaluation.
/// </para>
/// </remarks>
public sealed class ConditionExpression
{
    /// <summary>The longest text accepted, in UTF-16 code units.</summary>
    public const int MaxLength = 4096;

    /// <summary>How deeply operators, parentheses, brackets and calls may nest.</summary>
    public const int MaxNestingDepth = 100;

    /// <summary>The variable that holds the measured value; the analysis binds it for every measurement.</summary>
    public const string ResultVariable = "result";

    private readonly ExpressionNode _root;

    private ConditionExpression(string text, ExpressionNode root)
    {
        Text = text;
        _root = root;
        var names = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        CollectVariables(root, names);
        Variables = names.ToImmutable();
    }

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>
    /// The variables the expression names, in ordinal order, so that a template can be checked when it is applied: a
    /// condition that names anything but <see cref="ResultVariable"/> fails every measurement with an unknown variable.
    /// </summary>
    public IReadOnlySet<string> Variables { get; }

    internal ExpressionNode Root => _root;

    /// <exception cref="ExpressionSyntaxException">The text is not a valid expression; the message names the position.</exception>
    public static ConditionExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ConditionExpression(text, Parser.Parse(text));
    }

    /// <param name="variables">The values the expression may name; an analysis supplies at least <c>result</c>.</param>
    /// <exception cref="ExpressionEvaluationException">
    /// A type error, an unknown variable, a missing field, an index out of range, an invalid argument or an exceeded
    /// limit (see <see cref="ExpressionEvaluationException.Kind"/>).
    /// </exception>
    public ExpressionValue Evaluate(IReadOnlyDictionary<string, ExpressionValue> variables, ExpressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Evaluate(variables, new EvaluationContext(Text, limits ?? ExpressionLimits.Default));
    }

    /// <summary>Evaluates a condition, which must give <c>true</c> or <c>false</c>: there is no truthiness.</summary>
    /// <exception cref="ExpressionEvaluationException">As <see cref="Evaluate(IReadOnlyDictionary{string, ExpressionValue}, ExpressionLimits?)"/>, or the value is not a bool.</exception>
    public bool EvaluateCondition(IReadOnlyDictionary<string, ExpressionValue> variables, ExpressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var context = new EvaluationContext(Text, limits ?? ExpressionLimits.Default);
        var value = Evaluate(variables, context);
        return value.Kind == ExpressionValueKind.Bool
            ? value.AsBool()
            : throw context.TypeMismatch(0, "the condition", $"must give true or false, got {ValueFormatter.Describe(value)}");
    }

    /// <summary>Evaluates a condition with <paramref name="result"/> as <c>result</c>, the only variable an analysis gives.</summary>
    /// <exception cref="ExpressionEvaluationException">As <see cref="EvaluateCondition(IReadOnlyDictionary{string, ExpressionValue}, ExpressionLimits?)"/>.</exception>
    public bool EvaluateCondition(ExpressionValue result, ExpressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return EvaluateCondition(new Dictionary<string, ExpressionValue>(1) { [ResultVariable] = result }, limits);
    }

    public override string ToString() => Text;

    /// <summary>Evaluates with a context the caller keeps, so that tests can read the steps spent.</summary>
    internal ExpressionValue Evaluate(IReadOnlyDictionary<string, ExpressionValue> variables, EvaluationContext context) =>
        new Evaluator(variables, context).Evaluate(_root);

    // Recursion bounded by the tree's height, which the parser bounds.
    private static void CollectVariables(ExpressionNode node, ImmutableSortedSet<string>.Builder names)
    {
        switch (node)
        {
            case VariableNode variable:
                names.Add(variable.Name);
                break;
            case ListNode list:
                foreach (var item in list.Items)
                {
                    CollectVariables(item, names);
                }

                break;
            case CallNode call:
                foreach (var argument in call.Arguments)
                {
                    CollectVariables(argument, names);
                }

                break;
            case IndexNode index:
                CollectVariables(index.Target, names);
                CollectVariables(index.Key, names);
                break;
            case MemberNode member:
                CollectVariables(member.Target, names);
                break;
            case UnaryNode unary:
                CollectVariables(unary.Operand, names);
                break;
            case BinaryNode binary:
                CollectVariables(binary.Left, names);
                CollectVariables(binary.Right, names);
                break;
            case PredicateNode predicate:
                CollectVariables(predicate.Body, names);
                break;
        }
    }
}
