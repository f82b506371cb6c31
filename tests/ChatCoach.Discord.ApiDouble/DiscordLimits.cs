using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatCoach.Discord.ApiDouble;

/// <summary>
/// Checks request bodies the way Discord does and reports violations in Discord's error shape
/// (<c>errors</c> keyed by JSON path). Only the limits that matter to this bot are checked, but those strictly.
/// </summary>
public static partial class DiscordLimits
{
    public static Dictionary<string, string> ValidateMessage(JsonNode? body, bool requireAllowedMentions = true)
    {
        var errors = new Dictionary<string, string>();
        if (body is not JsonObject message)
        {
            errors["_"] = "Body must be a JSON object";
            return errors;
        }

        var content = message["content"]?.GetValue<string>();
        if (content is { Length: > 2000 })
        {
            errors["content"] = "Must be 2000 or fewer in length.";
        }

        var embeds = message["embeds"] as JsonArray;
        var components = message["components"] as JsonArray;
        if (string.IsNullOrEmpty(content) && embeds is not { Count: > 0 } && components is not { Count: > 0 } && message["attachments"] is not JsonArray { Count: > 0 })
        {
            errors["_"] = "Cannot send an empty message (50006)";
        }

        if (embeds is { Count: > 10 })
        {
            errors["embeds"] = "Must be 10 or fewer in length.";
        }

        var total = 0;
        for (var i = 0; i < (embeds?.Count ?? 0); i++)
        {
            var embed = embeds![i]!;
            total += Check(errors, $"embeds.{i}.title", embed["title"], 256);
            total += Check(errors, $"embeds.{i}.description", embed["description"], 4096);
            total += Check(errors, $"embeds.{i}.footer.text", embed["footer"]?["text"], 2048);
            total += Check(errors, $"embeds.{i}.author.name", embed["author"]?["name"], 256);
            if (embed["fields"] is JsonArray fields)
            {
                if (fields.Count > 25)
                {
                    errors[$"embeds.{i}.fields"] = "Must be 25 or fewer in length.";
                }

                for (var f = 0; f < fields.Count; f++)
                {
                    total += Check(errors, $"embeds.{i}.fields.{f}.name", fields[f]!["name"], 256, required: true);
                    total += Check(errors, $"embeds.{i}.fields.{f}.value", fields[f]!["value"], 1024, required: true);
                }
            }
        }

        if (total > 6000)
        {
            errors["embeds"] = "Embed size exceeds maximum size of 6000";
        }

        if (components is { Count: > 5 })
        {
            errors["components"] = "Must be 5 or fewer in length.";
        }

        var customIds = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < (components?.Count ?? 0); r++)
        {
            var row = components![r]!;
            if (row["type"]?.GetValue<int>() != 1)
            {
                errors[$"components.{r}.type"] = "Top-level components must be action rows.";
                continue;
            }

            if (row["components"] is not JsonArray buttons || buttons.Count is 0 or > 5)
            {
                errors[$"components.{r}.components"] = "An action row holds 1 to 5 buttons.";
                continue;
            }

            for (var b = 0; b < buttons.Count; b++)
            {
                var customId = buttons[b]!["custom_id"]?.GetValue<string>();
                if (customId is null or { Length: 0 or > 100 })
                {
                    errors[$"components.{r}.components.{b}.custom_id"] = "Must be between 1 and 100 in length.";
                }
                else if (!customIds.Add(customId))
                {
                    errors[$"components.{r}.components.{b}.custom_id"] = "Component custom id cannot be duplicated.";
                }

                if (buttons[b]!["label"]?.GetValue<string>() is { Length: > 80 })
                {
                    errors[$"components.{r}.components.{b}.label"] = "Must be 80 or fewer in length.";
                }
            }
        }

        if (requireAllowedMentions && message["allowed_mentions"] is not JsonObject)
        {
            // Not a Discord rule, but this project's: every send says who may be pinged (nobody).
            errors["allowed_mentions"] = "allowed_mentions must be present (project rule).";
        }
        else if (message["allowed_mentions"]?["parse"] is JsonArray parse && parse.Count > 0)
        {
            errors["allowed_mentions.parse"] = "The bot must not ping anyone (project rule).";
        }

        return errors;
    }

    // Discord's locales (docs: Reference, Locales).
    private static readonly HashSet<string> Locales = new(
        ["id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl", "pt-BR", "ro", "fi",
         "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko"],
        StringComparer.Ordinal);

    public static Dictionary<string, string> ValidateCommands(JsonNode? body)
    {
        var errors = new Dictionary<string, string>();
        if (body is not JsonArray commands)
        {
            errors["_"] = "Body must be an array of commands";
            return errors;
        }

        if (commands.Count > 100)
        {
            errors["_"] = "Must be 100 or fewer in length.";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i]!;
            var name = command["name"]?.GetValue<string>() ?? "";
            if (!NamePattern().IsMatch(name) || name.Any(char.IsUpper))
            {
                errors[$"{i}.name"] = "Command name is invalid";
            }

            if (!names.Add(name))
            {
                errors[$"{i}.name"] = "Application command names must be unique";
            }

            Check(errors, $"{i}.description", command["description"], 100, required: true);
            CheckNameLocalizations(errors, $"{i}.name_localizations", command["name_localizations"]);
            CheckLocalizations(errors, $"{i}.description_localizations", command["description_localizations"], 100);
            if (command["default_member_permissions"] is { } permissions && permissions.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                errors[$"{i}.default_member_permissions"] = "Must be a string.";
            }

            if (command["contexts"] is JsonArray contexts && contexts.Any(c => c?.GetValue<int>() is not (0 or 1 or 2)))
            {
                errors[$"{i}.contexts"] = "Value must be one of (0, 1, 2).";
            }

            if (command["options"] is JsonArray options)
            {
                if (options.Count > 25)
                {
                    errors[$"{i}.options"] = "Must be 25 or fewer in length.";
                }

                var optional = false;
                for (var o = 0; o < options.Count; o++)
                {
                    var option = options[o]!;
                    if (!NamePattern().IsMatch(option["name"]?.GetValue<string>() ?? ""))
                    {
                        errors[$"{i}.options.{o}.name"] = "Option name is invalid";
                    }

                    Check(errors, $"{i}.options.{o}.description", option["description"], 100, required: true);
                    CheckNameLocalizations(errors, $"{i}.options.{o}.name_localizations", option["name_localizations"]);
                    CheckLocalizations(errors, $"{i}.options.{o}.description_localizations", option["description_localizations"], 100);
                    var required = option["required"]?.GetValue<bool>() ?? false;
                    if (required && optional)
                    {
                        errors[$"{i}.options.{o}.required"] = "Required options must be placed before non-required options";
                    }

                    optional |= !required;
                    if (option["choices"] is JsonArray choices)
                    {
                        if (choices.Count > 25)
                        {
                            errors[$"{i}.options.{o}.choices"] = "Must be 25 or fewer in length.";
                        }

                        // Choice structure: name 1-100 characters, name_localizations the same, a string value at most 100.
                        for (var c = 0; c < choices.Count; c++)
                        {
                            var path = $"{i}.options.{o}.choices.{c}";
                            Check(errors, $"{path}.name", choices[c]?["name"], 100, required: true);
                            CheckLocalizations(errors, $"{path}.name_localizations", choices[c]?["name_localizations"], 100);
                            if (choices[c]?["value"] is not { } value)
                            {
                                errors[$"{path}.value"] = "This field is required";
                            }
                            else if (value.GetValueKind() == System.Text.Json.JsonValueKind.String)
                            {
                                Check(errors, $"{path}.value", value, 100, required: true);
                            }
                        }
                    }

                    if (option["autocomplete"]?.GetValue<bool>() == true && option["choices"] is JsonArray { Count: > 0 })
                    {
                        errors[$"{i}.options.{o}.autocomplete"] = "Autocomplete and choices cannot both be set.";
                    }
                }
            }
        }

        return errors;
    }

    /// <summary>An autocomplete answer's data: at most 25 choices, each name 1–100 and value at most 100 characters.</summary>
    public static Dictionary<string, string> ValidateChoices(JsonNode? data)
    {
        var errors = new Dictionary<string, string>();
        if (data?["choices"] is not JsonArray choices)
        {
            errors["data.choices"] = "This field is required";
            return errors;
        }

        if (choices.Count > 25)
        {
            errors["data.choices"] = "Must be 25 or fewer in length.";
        }

        for (var c = 0; c < choices.Count; c++)
        {
            Check(errors, $"data.choices.{c}.name", choices[c]?["name"], 100, required: true);
            Check(errors, $"data.choices.{c}.value", choices[c]?["value"], 100, required: true);
        }

        return errors;
    }

    /// <summary>A localization map: every key one of Discord's locales, every value like the field it localizes (1 to <paramref name="max"/> characters).</summary>
    private static void CheckLocalizations(Dictionary<string, string> errors, string path, JsonNode? node, int max)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject localizations)
        {
            errors[path] = "Must be an object.";
            return;
        }

        foreach (var (locale, text) in localizations)
        {
            if (!Locales.Contains(locale))
            {
                errors[$"{path}.{locale}"] = "Invalid Form Body: not a valid locale";
            }

            Check(errors, $"{path}.{locale}", text, max, required: true);
        }
    }

    /// <summary>Localized command or option names follow the names' own rules: 1-32 characters of the name pattern, lower case.</summary>
    private static void CheckNameLocalizations(Dictionary<string, string> errors, string path, JsonNode? node)
    {
        CheckLocalizations(errors, path, node, 32);
        if (node is JsonObject localizations)
        {
            foreach (var (locale, text) in localizations)
            {
                if (text?.GetValueKind() == System.Text.Json.JsonValueKind.String && text.GetValue<string>() is var name
                    && (!NamePattern().IsMatch(name) || name.Any(char.IsUpper)))
                {
                    errors[$"{path}.{locale}"] = "Command name is invalid";
                }
            }
        }
    }

    public static JsonObject InvalidFormBody(Dictionary<string, string> errors)
    {
        // Nested by path segment, as Discord does: {"0": {"options": {"1": {"name": {"_errors": [...]}}}}}.
        var tree = new JsonObject();
        foreach (var (path, message) in errors)
        {
            var node = tree;
            foreach (var segment in path == "_" ? [] : path.Split('.'))
            {
                if (node[segment] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[segment] = child;
                }

                node = child;
            }

            node["_errors"] = new JsonArray(new JsonObject { ["code"] = "BASE_TYPE_INVALID", ["message"] = message });
        }

        return new JsonObject { ["code"] = 50035, ["message"] = "Invalid Form Body", ["errors"] = tree };
    }

    private static int Check(Dictionary<string, string> errors, string path, JsonNode? node, int max, bool required = false)
    {
        var text = node?.GetValue<string>();
        if (text is null)
        {
            if (required)
            {
                errors[path] = "This field is required";
            }

            return 0;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > max)
        {
            errors[path] = $"Must be {max} or fewer in length.";
        }
        else if (required && trimmed.Length == 0)
        {
            errors[path] = "Must be 1 or more in length.";
        }

        return trimmed.Length;
    }

    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex NamePattern();
}
