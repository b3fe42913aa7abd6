using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Tests.Schema;

public class BuiltInSchemaLoadingTests
{
    private const string _thing = """
        definitions:
          example.Thing:
            type: object
            properties:
              part: {$ref: "#/definitions/example.Part", description: "The part."}
            x-kubernetes-group-version-kind:
              - {group: example.com, version: v1, kind: Thing}
          example.Part:
            type: object
            properties:
              size: {type: integer, default: 3}
        """;

    [Fact]
    public void FromYaml_ExpandsRefsAcrossDefinitions()
    {
        var schemas = BuiltInSchemas.FromYaml([KeyValuePair.Create("thing.yaml", _thing)]);

        var thing = schemas.ForKind("example.com", "v1", "Thing");

        Assert.NotNull(thing);
        Assert.Equal("The part.", thing.Properties["part"].Description);
        Assert.Equal(3, thing.Properties["part"].Properties["size"].Default!.GetValue<long>());
    }

    [Fact]
    public void AMissingRefTarget_FailsAtLoadNamingIt()
    {
        const string yaml = """
            definitions:
              example.Thing:
                type: object
                properties:
                  part: {$ref: "#/definitions/example.Missing"}
            """;

        var e = Assert.Throws<SchemaDefinitionException>(() => BuiltInSchemas.FromYaml([KeyValuePair.Create("thing.yaml", yaml)]));

        Assert.Contains("example.Missing", e.Message, StringComparison.Ordinal);
        Assert.Contains("example.Thing.properties.part", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRefTargetDeepInItems_FailsAtLoad()
    {
        const string yaml = """
            definitions:
              example.Thing:
                type: object
                properties:
                  parts:
                    type: array
                    items:
                      type: object
                      additionalProperties: {$ref: "#/definitions/example.Gone"}
            """;

        var e = Assert.Throws<SchemaDefinitionException>(() => BuiltInSchemas.FromYaml([KeyValuePair.Create("thing.yaml", yaml)]));

        Assert.Contains("example.Gone", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefWithAnUnsupportedSibling_FailsAtLoad()
    {
        const string yaml = """
            definitions:
              example.Thing:
                type: object
                properties:
                  part: {$ref: "#/definitions/example.Part", type: object}
              example.Part:
                type: object
            """;

        var e = Assert.Throws<SchemaDefinitionException>(() => BuiltInSchemas.FromYaml([KeyValuePair.Create("thing.yaml", yaml)]));

        Assert.Contains("found type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefOutsideDefinitions_FailsAtLoad()
    {
        const string yaml = """
            definitions:
              example.Thing:
                type: object
                properties:
                  part: {$ref: "#/components/schemas/example.Part"}
            """;

        Assert.Throws<SchemaDefinitionException>(() => BuiltInSchemas.FromYaml([KeyValuePair.Create("thing.yaml", yaml)]));
    }

    [Fact]
    public void ADefinitionInTwoFiles_FailsAtLoad()
    {
        var e = Assert.Throws<SchemaDefinitionException>(() => BuiltInSchemas.FromYaml(
            [KeyValuePair.Create("a.yaml", _thing), KeyValuePair.Create("b.yaml", _thing)]));

        Assert.Contains("example.Thing", e.Message, StringComparison.Ordinal);
        Assert.Contains("a.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKindDeclaredTwice_FailsAtLoad()
    {
        const string yaml = """
            definitions:
              example.One:
                type: object
                x-kubernetes-group-version-kind: [{group: example.com, version: v1, kind: Thing}]
              example.Two:
                type: object
                x-kubernetes-group-version-kind: [{group: example.com, version: v1, kind: Thing}]
            """;

        Assert.Throws<SchemaDefinitionException>(() => BuiltInSchemas.FromYaml([KeyValuePair.Create("thing.yaml", yaml)]));
    }

    [Fact]
    public void AFileWithoutDefinitions_FailsAtLoadNamingTheFile()
    {
        var e = Assert.Throws<SchemaDefinitionException>(() => BuiltInSchemas.FromYaml([KeyValuePair.Create("empty.yaml", "kinds: {}")]));

        Assert.Contains("empty.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefCycle_FailsOnResolveNamingTheChain()
    {
        const string yaml = """
            definitions:
              example.A:
                type: object
                properties:
                  b: {$ref: "#/definitions/example.B"}
              example.B:
                type: object
                properties:
                  a: {$ref: "#/definitions/example.A"}
            """;
        var schemas = BuiltInSchemas.FromYaml([KeyValuePair.Create("cycle.yaml", yaml)]);

        var e = Assert.Throws<SchemaDefinitionException>(() => schemas.Resolve("example.A"));

        Assert.Contains("example.A -> example.B -> example.A", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangingAPublishedDefinition_DoesNotAffectResolve()
    {
        var schemas = BuiltInSchemas.FromYaml([KeyValuePair.Create("thing.yaml", _thing)]);

        schemas.Definitions["example.Part"]["properties"]!["size"]!["default"] = 99;

        Assert.Equal(3, schemas.Resolve("example.Thing").Properties["part"].Properties["size"].Default!.GetValue<long>());
    }
}
