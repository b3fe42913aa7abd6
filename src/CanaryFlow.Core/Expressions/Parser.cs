using System.Collections.Immutable;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// Recursive descent with precedence climbing for the binary operators (grammar in <see cref="ConditionExpression"/>).
/// Every way the parser can recurse (parentheses, brackets, braces, call arguments, prefix operators, <c>**</c>)
/// counts against <see cref="ConditionExpression.MaxNestingDepth"/>, and so does the height of every node built, so
/// neither the parser nor the evaluator can be driven into a stack overflow, whatever the text.
/// </summary>
internal sealed class Parser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _next;
    private int _nesting;
    private int _predicates;

    private Parser(string text, List<Token> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    private Token Current => _tokens[_next];

    public static ExpressionNode Parse(string text)
    {
        if (text.Length > ConditionExpression.MaxLength)
        {
            throw new ExpressionSyntaxException(text, ConditionExpression.MaxLength, "expression too long", $"the limit is {ConditionExpression.MaxLength} characters, it has {text.Length}");
        }

        var parser = new Parser(text, Lexer.Tokenize(text));
        if (parser.Current.Kind == TokenKind.End)
        {
            throw new ExpressionSyntaxException(text, 0, "empty expression");
        }

        var root = parser.ParseExpression();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected("expected an operator or the end of the expression");
        }

        return root;
    }

    private ExpressionNode ParseExpression() => ParseBinary(Precedence.Or);

    // Left-associative binary operators at or above minPrecedence. The recursion for the right operand climbs one
    // level at a time, so it is bounded by the number of levels, not by the length of a chain like a+b+c+...
    private ExpressionNode ParseBinary(int minPrecedence)
    {
        var left = ParseUnary();
        while (Precedence.TryBinary(Current.Kind, out var op) && Precedence.Of(op) >= minPrecedence)
        {
            var operatorToken = Advance();
            var right = ParseBinary(Precedence.Of(op) + 1);
            left = Checked(new BinaryNode(op, left, right, operatorToken.Index));
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (Current.Kind is not (TokenKind.Bang or TokenKind.Not or TokenKind.Minus))
        {
            return ParsePower();
        }

        var operatorToken = Advance();
        Enter(operatorToken);
        var operand = ParseUnary();
        Leave();
        var op = operatorToken.Kind == TokenKind.Minus ? UnaryOperator.Negate : UnaryOperator.Not;
        return Checked(new UnaryNode(op, operand, operatorToken.Index));
    }

    // "**" binds tighter than prefix operators (-2 ** 2 is -4, as in mathematics and Python) and to the right
    // (2 ** 3 ** 2 is 2 ** 9); its exponent may carry a sign (2 ** -1).
    private ExpressionNode ParsePower()
    {
        var @base = ParsePostfix();
        if (Current.Kind != TokenKind.StarStar)
        {
            return @base;
        }

        var operatorToken = Advance();
        Enter(operatorToken);
        var exponent = ParseUnary();
        Leave();
        return Checked(new BinaryNode(BinaryOperator.Power, @base, exponent, operatorToken.Index));
    }

    private ExpressionNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (true)
        {
            if (Current.Kind == TokenKind.LeftBracket)
            {
                var bracket = Advance();
                Enter(bracket);
                var key = ParseExpression();
                Expect(TokenKind.RightBracket, "expected ']'");
                Leave();
                node = Checked(new IndexNode(node, key, bracket.Index));
            }
            else if (Current.Kind == TokenKind.Dot)
            {
                var dot = Advance();
                var name = Expect(TokenKind.Identifier, "expected a field name after '.' (write result[\"name\"] for other keys)");
                node = Checked(new MemberNode(node, name.Value!, dot.Index));
            }
            else
            {
                return node;
            }
        }
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(ExpressionValue.FromNumber(token.Number), token.Index);
            case TokenKind.String:
                Advance();
                return new LiteralNode(ExpressionValue.FromString(token.Value!), token.Index);
            case TokenKind.True or TokenKind.False:
                Advance();
                return new LiteralNode(ExpressionValue.FromBool(token.Kind == TokenKind.True), token.Index);
            case TokenKind.Nil:
                Advance();
                return new LiteralNode(ExpressionValue.Nil, token.Index);
            case TokenKind.Identifier when _tokens[_next + 1].Kind == TokenKind.LeftParen:
                return ParseCall();
            case TokenKind.Identifier:
                Advance();
                return new VariableNode(token.Value!, token.Index);
            case TokenKind.Hash when _predicates > 0:
                Advance();
                return new ElementNode(token.Index);
            case TokenKind.Hash:
                throw Unexpected("'#' stands for the element only inside a {...} predicate, as in all(result, {# < 0.5})");
            case TokenKind.LeftParen:
                Advance();
                Enter(token);
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "expected ')'");
                Leave();
                return inner;
            case TokenKind.LeftBracket:
                return ParseList();
            case TokenKind.LeftBrace:
                throw Unexpected("a {...} predicate is only the second argument of all, any, none, filter or map");
            default:
                throw Unexpected("expected a value");
        }
    }

    private ListNode ParseList()
    {
        var bracket = Advance();
        Enter(bracket);
        var items = ImmutableArray.CreateBuilder<ExpressionNode>();
        if (Current.Kind != TokenKind.RightBracket)
        {
            do
            {
                items.Add(ParseExpression());
            }
            while (TryAdvance(TokenKind.Comma));
        }

        Expect(TokenKind.RightBracket, "expected ',' or ']'");
        Leave();
        return (ListNode)Checked(new ListNode(items.ToImmutable(), bracket.Index));
    }

    private CallNode ParseCall()
    {
        var name = Advance();
        if (!FunctionCatalog.TryGet(name.Value!, out var signature))
        {
            throw new ExpressionSyntaxException(_text, name.Index, $"unknown function '{name.Value}'", $"the functions are {string.Join(", ", FunctionCatalog.Names)}");
        }

        var parenthesis = Advance();
        Enter(parenthesis);
        var arguments = ImmutableArray.CreateBuilder<ExpressionNode>();
        if (Current.Kind != TokenKind.RightParen)
        {
            do
            {
                arguments.Add(signature.TakesPredicate && arguments.Count == 1 ? ParsePredicate(signature) : ParseExpression());
            }
            while (TryAdvance(TokenKind.Comma));
        }

        Expect(TokenKind.RightParen, "expected ',' or ')'");
        Leave();
        if (arguments.Count < signature.MinArguments || arguments.Count > signature.MaxArguments)
        {
            throw new ExpressionSyntaxException(_text, name.Index, $"wrong number of arguments to '{name.Value}'", $"it is called as {signature.Usage}, here with {arguments.Count}");
        }

        return (CallNode)Checked(new CallNode(signature.Name, arguments.ToImmutable(), name.Index));
    }

    private PredicateNode ParsePredicate(FunctionSignature signature)
    {
        var brace = Expect(TokenKind.LeftBrace, $"the second argument of '{signature.Name}' is a {{...}} predicate, as in {signature.Usage}");
        Enter(brace);
        _predicates++;
        var body = ParseExpression();
        _predicates--;
        Expect(TokenKind.RightBrace, "expected '}'");
        Leave();
        return (PredicateNode)Checked(new PredicateNode(body, brace.Index));
    }

    private Token Advance() => _tokens[_next++];

    private bool TryAdvance(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _next++;
        return true;
    }

    private Token Expect(TokenKind kind, string expectation) =>
        Current.Kind == kind ? Advance() : throw Unexpected(expectation);

    private void Enter(Token token)
    {
        if (++_nesting > ConditionExpression.MaxNestingDepth)
        {
            throw TooDeep(token.Index);
        }
    }

    private void Leave() => _nesting--;

    private ExpressionNode Checked(ExpressionNode node) =>
        node.Depth <= ConditionExpression.MaxNestingDepth ? node : throw TooDeep(node.Index);

    private ExpressionSyntaxException TooDeep(int index) =>
        new(_text, index, "expression nested too deeply", $"the limit is {ConditionExpression.MaxNestingDepth} levels of operators, parentheses and calls");

    private ExpressionSyntaxException Unexpected(string expectation) =>
        new(_text, Current.Index, $"unexpected {Current.Describe()}", expectation);
}
