using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// ConfigMaps and Secrets: data keys must be config keys, the total size is capped at 1 MiB, <c>immutable</c>
/// objects keep their data; Secrets fold <c>stringData</c> into base64 <c>data</c> and default their type.
/// </summary>
public sealed partial class ConfigDataStrategy : ResourceStrategy
{
    private const int _maxTotalBytes = 1024 * 1024;
    private readonly bool _secret;

    private ConfigDataStrategy(bool secret) => _secret = secret;

    public static ConfigDataStrategy ConfigMap { get; } = new(secret: false);
    public static ConfigDataStrategy Secret { get; } = new(secret: true);

    public override void ApplyDefaults(JsonObject obj, WriteContext context)
    {
        if (!_secret)
        {
            return;
        }

        obj["type"] ??= "Opaque";
        if (obj.GetObject("stringData") is { } stringData)
        {
            var data = obj.GetOrAddObject("data");
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            }

            obj.Remove("stringData");
        }
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        long total = 0;
        foreach (var section in _secret ? new[] { "data" } : ["data", "binaryData"])
        {
            foreach (var (key, value) in obj.GetObject(section) ?? [])
            {
                if (key.Length > 253 || !ConfigKey().IsMatch(key) || key is "." or "..")
                {
                    yield return FieldError.Invalid($"{section}[{key}]", JsonValue.Create(key),
                        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
                }

                total += value is JsonValue v && v.TryGetValue(out string? s) ? s.Length : 0;
            }
        }

        if (total > _maxTotalBytes)
        {
            yield return FieldError.TooLong(_secret ? "data" : "", null, _maxTotalBytes);
        }
    }

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject newObj, JsonObject oldObj, WriteContext context)
    {
        foreach (var error in Validate(newObj, context))
        {
            yield return error;
        }

        if (oldObj.GetBool("immutable") == true)
        {
            if (newObj.GetBool("immutable") != true)
            {
                yield return FieldError.Forbidden("immutable", "field is immutable when `immutable` is set");
            }

            if (!JsonNode.DeepEquals(newObj["data"], oldObj["data"]))
            {
                yield return FieldError.Forbidden("data", "field is immutable when `immutable` is set");
            }
        }
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();
}
