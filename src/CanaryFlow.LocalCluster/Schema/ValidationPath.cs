using System.Globalization;
using System.Text;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Where a validation is in the value, kept in the two spellings the server uses: kube-openapi's name
/// (<c>spec.items[0].name</c>, map values as <c>spec.labels.key</c>) for schema errors and apimachinery's
/// <c>field.Path</c> (map values as <c>spec.labels[key]</c>) for list-type errors. Strings are only built when an
/// error is reported.
/// </summary>
internal sealed class ValidationPath
{
    private readonly StringBuilder _name = new();
    private readonly StringBuilder _field = new();
    private readonly string _fieldPrefix;

    public ValidationPath(string fieldPrefix) => _fieldPrefix = fieldPrefix;

    /// <summary>The kube-openapi name of the current value ("" at the root).</summary>
    public string Name => _name.ToString();

    public Mark EnterProperty(string property)
    {
        var mark = new Mark(_name.Length, _field.Length);
        if (_name.Length > 0)
        {
            _name.Append('.');
        }

        _name.Append(property);
        if (_field.Length > 0)
        {
            _field.Append('.');
        }

        _field.Append(property);
        return mark;
    }

    public Mark EnterMapValue(string key)
    {
        var mark = new Mark(_name.Length, _field.Length);
        _name.Append('.').Append(key);
        _field.Append('[').Append(key).Append(']');
        return mark;
    }

    public Mark EnterIndex(int index)
    {
        var mark = new Mark(_name.Length, _field.Length);
        var text = index.ToString(CultureInfo.InvariantCulture);
        _name.Append('[').Append(text).Append(']');
        _field.Append('[').Append(text).Append(']');
        return mark;
    }

    public void Leave(Mark mark)
    {
        _name.Length = mark.NameLength;
        _field.Length = mark.FieldLength;
    }

    /// <summary>
    /// The error field for a kube-openapi name, as apiextensions derives it: the name without its leading dot as a
    /// child of the caller's path, and the caller's path itself (<c>&lt;nil&gt;</c> when it has none) for the root.
    /// </summary>
    public string FieldOfName(string name)
    {
        var trimmed = name.StartsWith('.') ? name[1..] : name;
        if (trimmed.Length == 0)
        {
            return _fieldPrefix.Length == 0 ? "<nil>" : _fieldPrefix;
        }

        return _fieldPrefix.Length == 0 ? trimmed : _fieldPrefix + "." + trimmed;
    }

    /// <summary>The error field of the current value, or of its item <paramref name="index"/>, in field.Path spelling.</summary>
    public string FieldPathOfItem(int index)
    {
        var relative = _field + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
        if (_fieldPrefix.Length == 0)
        {
            return relative;
        }

        return relative.StartsWith('[') ? _fieldPrefix + relative : _fieldPrefix + "." + relative;
    }

    public readonly record struct Mark(int NameLength, int FieldLength);
}
