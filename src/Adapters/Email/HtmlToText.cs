using System.Text;
using MimeKit.Text;

namespace Omnichannel.Adapters.Email;

/// <summary>
/// HTML mail as readable plain text, on MimeKit's HTML tokenizer: block elements and &lt;br&gt; become line breaks,
/// list items get "- ", links keep their address, blockquotes become "&gt; " lines (so quoted history is
/// recognised and trimmed like in plain text mail), and head, script and style are dropped.
/// </summary>
public static class HtmlToPlainText
{
    private static readonly HashSet<HtmlTagId> Blocks =
    [
        HtmlTagId.P, HtmlTagId.Div, HtmlTagId.Table, HtmlTagId.TR, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.H1, HtmlTagId.H2,
        HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.Pre, HtmlTagId.Address, HtmlTagId.Center,
        HtmlTagId.Form, HtmlTagId.Section, HtmlTagId.Article, HtmlTagId.Header, HtmlTagId.Footer, HtmlTagId.BlockQuote, HtmlTagId.DL,
    ];

    private static readonly HashSet<HtmlTagId> Hidden = [HtmlTagId.Head, HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.Title];

    public static string Convert(string html)
    {
        var output = new StringBuilder();
        var line = new StringBuilder();
        var quoteDepth = 0;
        var hiddenDepth = 0;
        var preDepth = 0;
        string? href = null;
        var linkText = new StringBuilder();

        void EndLine()
        {
            output.Append(new string('>', quoteDepth)).Append(quoteDepth > 0 ? " " : "").Append(preDepth > 0 ? line.ToString().TrimEnd() : line.ToString().Trim()).Append('\n');
            line.Clear();
        }

        void Block()
        {
            if (line.Length > 0)
                EndLine();
        }

        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when Hidden.Contains(tag.Id):
                    if (!tag.IsEmptyElement)
                        hiddenDepth = Math.Max(0, hiddenDepth + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken when hiddenDepth > 0:
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.Br:
                    EndLine();
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.HR:
                    Block();
                    output.Append("----\n");
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.LI:
                    Block();
                    if (!tag.IsEndTag)
                        line.Append("- ");
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.TD || tag.Id == HtmlTagId.TH:
                    if (!tag.IsEndTag && line.Length > 0)
                        line.Append("  ");
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.A:
                    if (!tag.IsEndTag)
                    {
                        href = tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value;
                        linkText.Clear();
                    }
                    else if (href is not null)
                    {
                        if ((href.StartsWith("http", StringComparison.OrdinalIgnoreCase) || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                            && !linkText.ToString().Trim().Equals(href.Replace("mailto:", ""), StringComparison.OrdinalIgnoreCase))
                            line.Append(" (").Append(href).Append(')');
                        href = null;
                    }
                    break;
                case HtmlTagToken tag when Blocks.Contains(tag.Id):
                    Block();
                    if (tag.Id == HtmlTagId.BlockQuote)
                        quoteDepth = Math.Max(0, quoteDepth + (tag.IsEndTag ? -1 : 1));
                    if (tag.Id == HtmlTagId.Pre)
                        preDepth = Math.Max(0, preDepth + (tag.IsEndTag ? -1 : 1));
                    if (tag.Id is HtmlTagId.P or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.Table or HtmlTagId.UL or HtmlTagId.OL
                        && output.Length > 0 && !output.ToString().EndsWith("\n\n", StringComparison.Ordinal))
                        output.Append(new string('>', quoteDepth)).Append('\n');
                    break;
                case HtmlDataToken data when hiddenDepth == 0:
                    if (preDepth > 0)
                    {
                        var parts = data.Data.ReplaceLineEndings("\n").Split('\n');
                        for (var i = 0; i < parts.Length; i++)
                        {
                            if (i > 0)
                                EndLine();
                            line.Append(parts[i]);
                        }
                    }
                    else
                    {
                        var text = Collapse(data.Data);
                        if (line.Length == 0)
                            text = text.TrimStart();
                        else if (line[^1] == ' ' && text.StartsWith(' '))
                            text = text[1..];
                        line.Append(text);
                        if (href is not null)
                            linkText.Append(text);
                    }
                    break;
            }
        }
        Block();
        return Tidy(output.ToString());
    }

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && c != '\u00a0')
            {
                if (!space)
                    sb.Append(' ');
                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }
        return sb.ToString();
    }

    /// <summary>Trims trailing spaces, collapses runs of blank lines, trims the ends.</summary>
    public static string Tidy(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Replace('\u00a0', ' ').TrimEnd());
        var result = new List<string>();
        foreach (var line in lines)
        {
            var blank = line.Trim('>', ' ').Length == 0;
            if (blank && (result.Count == 0 || result[^1].Trim('>', ' ').Length == 0))
                continue;
            result.Add(blank ? "" : line);
        }
        while (result.Count > 0 && result[^1].Length == 0)
            result.RemoveAt(result.Count - 1);
        return string.Join("\n", result);
    }
}
