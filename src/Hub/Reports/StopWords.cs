namespace Omnichannel.Hub.Reports;

/// <summary>
/// English and Dutch stop words. Question words (where, how, can, waar, hoe, kan …) are deliberately kept: they tell
/// "where is my order" from "can I return my order".
/// </summary>
public static class StopWords
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        // English
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by", "for", "with", "from", "about",
        "into", "over", "after", "before", "up", "down", "out", "off", "again", "is", "are", "was", "were", "be", "been", "being", "am",
        "do", "does", "did", "have", "has", "had", "i", "me", "my", "mine", "we", "us", "our", "you", "your", "he", "him", "his", "she",
        "her", "it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "here", "im", "ive", "id", "s", "t",
        "just", "very", "too", "also", "not", "no", "yes", "please", "thanks", "thank", "hi", "hello", "hey", "dear", "ok", "okay",
        "would", "could", "should", "will", "shall", "may", "might", "must", "any", "some", "all", "one", "get", "got",
        // Dutch
        "de", "het", "een", "en", "of", "maar", "als", "dan", "dus", "van", "naar", "in", "op", "aan", "bij", "voor", "met", "uit",
        "over", "na", "om", "tot", "door", "is", "zijn", "was", "waren", "ben", "bent", "wordt", "worden", "werd", "heb", "hebt", "heeft",
        "hebben", "had", "ik", "mij", "me", "mijn", "wij", "we", "ons", "onze", "jij", "je", "jou", "jouw", "u", "uw", "hij", "hem", "zijn",
        "zij", "ze", "haar", "hun", "dit", "dat", "deze", "die", "daar", "hier", "er", "niet", "geen", "ja", "nee", "graag", "alstublieft",
        "aub", "dank", "bedankt", "hoi", "hallo", "goedemorgen", "goedemiddag", "beste", "even", "al", "ook", "nog", "wel", "toch", "zou",
        "alvast", "zal", "zullen", "moet", "moeten", "mag", "mogen", "wil", "willen", "kunnen", "te",
    };
}
