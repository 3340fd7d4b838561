use newswire::Article;
#[test]
fn dump() {
    for text in [
        "SÃO PAULO, Dec 3 (Reuters) - Brazil's real fell.",
        "Rio de Janeiro, Dec 3 (Reuters) - Brazil's real fell.",
        "KUALA LUMPUR, Jan 2 (Bernama) -- Palm oil rose.",
        "NEW DELHI: The government on Monday said.",
        "Islamabad, Dec 12: The minister said.",
        "DUBAI, United Arab Emirates (AP) — Oil rose.",
        "Dhaka, Jan 5 (UNB) - Prices rose.",
        "LONDON (Reuters) - Shares fell.",
        "TOKYO -- Shares fell.",
        "BRUSSELS, Belgium — EU ministers met.",
        "Beijing, March 3 (CNA) Text here.",
        "WASHINGTON — The president said.",
        "CAIRO, Feb. 3, 2024 (AFP) - Text.",
        "ZÜRICH, 3 March (Reuters) - Text.",
        "US STOCKS-Wall St falls as yields rise",
        "EXCLUSIVE-Company plans cuts",
        "GLOBAL MARKETS - Stocks slide",
        "FACTBOX - What we know",
        "OPEC - Oil output steady",
        "UN - Talks stall",
    ] {
        let a = Article::parse(text);
        println!(
            "{text:?} -> {:?}",
            a.dateline().map(|d| (
                d.span().slice(text),
                d.locations()
                    .iter()
                    .map(|l| l.slice(text))
                    .collect::<Vec<_>>(),
                d.date()
            ))
        );
    }
}
