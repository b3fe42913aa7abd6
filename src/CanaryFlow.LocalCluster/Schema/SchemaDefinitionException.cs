namespace CanaryFlow.LocalCluster.Schema;

/// <summary>A built-in schema definition file that cannot be used: bad YAML shape, a dangling or cyclic <c>$ref</c>, a duplicate name or kind.</summary>
public sealed class SchemaDefinitionException : Exception
{
    public SchemaDefinitionException()
    {
    }

    public SchemaDefinitionException(string message)
        : base(message)
    {
    }

    public SchemaDefinitionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
