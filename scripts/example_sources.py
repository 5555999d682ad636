"""The public sources the example plans cite, by short key.

Each entry names the publisher, the date, what the figures are and the address
read (checked 2026-11-23 to 2026-11-29). Where the primary release was read
through a reprint, the entry says so. A row's Notes say which figure comes
from which entry; a figure no source gives says "Estimate:" and its basis.
"""

from __future__ import annotations

SRC: dict[str, str] = {
    # --- Government ---
    "usgs": "USGS Mineral Commodity Summaries 2025, Rare earths: 2024e prices (Nd oxide $56/kg, Dy oxide "
    "$260/kg, Tb oxide $810/kg); US import sources of RE compounds and metals 2020-23 China 70%, Malaysia 13%, "
    "Japan 6%, Estonia 5% (https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf)",
    "dod-2027": "DoD News, 13 Mar 2024, 'DOD Looks to Establish Mine-to-Magnet Supply Chain for Rare Earth "
    "Materials': >$439M awarded since 2020; F-35 needs >900 lb of rare earths (reprint at "
    "https://magneticspro.com/?p=721)",
    "gao-2024": "GAO, 10 Sep 2024, 'Critical Materials: Action Needed to Implement Requirements That Reduce "
    "Supply Chain Risk' (summary at https://www.thecipherbrief.com/column_article/"
    "the-pentagons-rare-earth-problem-is-a-china-problem-too)",
    "sec232": "Commerce (BIS), Section 232 report on NdFeB magnet imports, completed Jun 2022, 88 FR 9430 "
    "(14 Feb 2023): China ~92% of the 2020 magnet and alloy market; US magnet consumption 'will likely double "
    "in the next decade' (https://regulations.justia.com/regulations/fedreg/2023/02/14/2023-03078.html; "
    "summary https://www.thompsonhinesmartrade.com/2022/09/commerce-section-232-magnet-import-investigation-"
    "concludes-without-tariffs/)",
    "dfars": "DFARS final rule, 89 FR 46816 (30 May 2024), clause 252.225-7052: from 1 Jan 2027 covered magnets "
    "may not be mined, refined, separated, melted or produced in China, Russia, North Korea or Iran "
    "(https://regulations.justia.com/regulations/fedreg/2024/05/30/2024-11513.html; summary "
    "https://www.crowell.com/en/insights/client-alerts/dod-expands-restrictions-on-supply-chain-for-certain-"
    "magnets-tantalum-and-tungsten)",
    "mofcom": "MOFCOM/GAC Announcement No. 18 of 2025 (4 Apr 2025): export licences for Sm, Gd, Tb, Dy, Lu, Sc, Y "
    "and NdFeB magnets containing Dy or Tb (translation https://osencmagnet.com/export-controls-on-rare-earth-"
    "elements/); Announcements 57, 61, 62 of 9 Oct 2025 widened them "
    "(https://www.vbw.com/int/News/China-expands-export-controls-on-rare-earths.jsp)",
    "osc": "DoD release, 3 Nov 2025, OSC joint $700M conditional loan commitment: Vulcan $620M, ReElement $80M, "
    "'up to 10,000 metric tons of NdFeB magnet material in the next several years' "
    "(https://www.war.gov/News/Releases/Release/Article/4339788/)",
    "osc-mp": "DoD release, 10 Aug 2025, OSC's first direct loan: $150M to MP Materials for heavy RE separation "
    "at Mountain Pass (dpa-AFX report https://www.finanznachrichten.de/nachrichten-2025-08/66145797-pentagon-"
    "provides-dollar-150-mln-loan-to-mp-materials-to-secure-critical-materials-supply-chain-020.htm)",
    "usar": "Commerce CHIPS Program release, 26 Jan 2026, LOI with USA Rare Earth: $277M funding, $1.3B loan; "
    "Round Top production 2028; Stillwater to 10,000 t/yr magnets and 10,000 t/yr metals and alloys "
    "(https://www.einpresswire.com/article/886608115/)",
    "vulcan-doc": "ExecutiveGov, 24 Nov 2025, Commerce CHIPS LOI $50M for Vulcan and $50M equity "
    "(https://www.executivegov.com/articles/osc-vulcan-reelement-ndfeb-magnet)",
    # --- MP Materials ---
    "mp-fy2025": "MP Materials release, 26 Feb 2026, 'Fourth Quarter and Full Year 2025 Results': 2025 output "
    "50,692 t REO and 2,599 t NdPr oxide (Q4: 718 t); first magnets on commercial equipment at Independence; "
    "$200M incentive package (Texas Semiconductor Innovation Fund) for 10X in Northlake, TX "
    "(Business Wire text at https://investingnews.com/mp-materials-reports-fourth-quarter-and-full-year-"
    "2025-results/)",
    "mp-q4-call": "MP Materials Q4 2025 earnings call, Feb 2026: price-protection (PPA) income $51M in Q4 2025, "
    "incl. stockpiled inventory; exit run rate ~4,000 t/yr NdPr; heavy RE commissioning mid-2026 "
    "(https://www.themarketsdaily.com/2026/03/03/mp-materials-q4-earnings-call-highlights.html)",
    "mp-fy2024": "MP Materials 10-K for 2024: 2024 output 45,455 t REO and 1,294 t NdPr oxide "
    "(https://www.sec.gov/Archives/edgar/data/1801368/000180136825000009/mp-20241231.htm; release summary "
    "https://www.reportify.ai/filings/1090216704908333056)",
    "mp-q3-2023": "MP Materials release, 2 Nov 2023, Q3 2023 results: 'commenced shipments and ramping production "
    "of NdPr oxide' (https://quantisnow.com/insight/mp-materials-reports-third-quarter-2023-results-5055083)",
    "mp-q3-2025": "MP Materials Q3 2025 release and 10-Q, 6 Nov 2025: DoW price protection from 1 Oct 2025; 10X "
    "EBITDA of at least $140M a year after ramp, cost-plus with quarterly true-ups; $150M loan "
    "(https://quantisnow.com/insight/mp-materials-reports-third-quarter-2025-results-6265307; 10-Q summary "
    "https://www.stocktitan.net/sec-filings/MP/10-q-mp-materials-corp-de-quarterly-earnings-report-"
    "16dafd0f3557.html); heavy circuit nameplate 200 t/yr Dy/Tb on ~3,000 t/yr of feedstock (call, "
    "https://reportify.ai/news/1184368116092899328)",
    "mp-trs": "MP Materials 10-K for 2021, Exhibit 96.1 (Mountain Pass technical report summary), 'Estimated "
    "Distribution of TREO Content': Ce 50.2%, La 32.3%, NdPr 15.7%, SEG+ 1.8% (https://content.edgar-online.com/"
    "ExternalLink/EDGAR/0001801368-22-000010.html?dest=d215279dex961_htm)",
    "mp-seg": "Rare Earth Exchanges, 8 Nov 2025: MP has stockpiled >200 t of SEG+ holding ~4% Dy and Tb "
    "(https://rareearthexchanges.com/news/americas-rare-earth-treasure-trove-can-mp-materials-make-heavy-rare-"
    "earths-by-next-year-promising-signals)",
    "mp-hre": "Metalnomist, Jan 2026, MP Materials Dy/Tb production from mid-2026, Dy:Tb ~3:1 "
    "(https://www.metalnomist.com/2026/01/mp-materials-dysprosium-and-terbium.html)",
    "mp-adamas": "Adamas Intelligence, Nov 2022, Mountain Pass site visit: light RE line set up for 20,000 t/yr "
    "TREO, 'upwards of 6,000 tonnes of NdPr oxide per annum' (https://www.adamasintel.com/mountain-pass-visit-"
    "october-2022/)",
    "mp-dod": "MP Materials release, 10 Jul 2025, partnership with DoD: $400M convertible preferred at $30.03; "
    "10-year $110/kg NdPr price floor on products 'stockpiled or sold'; 10-year offtake of 100% of 10X magnets; "
    "$1.0B JPMorgan/Goldman commitment; 10X commissioning 2028, total ~10,000 t/yr "
    "(https://www.businesswire.com/news/home/20250710526348/en/MP-Materials-Announces-Transformational-Public-"
    "Private-Partnership-with-the-Department-of-Defense-to-Accelerate-U.S.-Rare-Earth-Magnet-Independence); "
    "offtake agreement, 8-K Ex. 10.5 "
    "(https://contracts.justia.com/companies/fortress-value-acquisition-corp-10229/contract/1332900); Project "
    "Blue on the $140M EBITDA floor +2%/yr (https://www.projectblue.com/blue/news-analysis/1257/)",
    "mp-ibas": "MP Materials release, 22 Feb 2022: $35M IBAS award for heavy RE separation; $9.6M DoD award "
    "(Dec 2020) for Stage II light RE separation (https://www.greencarcongress.com/2022/02/20220223-mp.html)",
    "mp-ftw": "Fort Worth Inc., MP Materials starts metal and magnet production at Independence; $58.5M 48C "
    "credit (https://fortworthinc.com/news/mp-materials-restores-u-s-rare-earth-magnet-production-in-fo/); "
    "Fastmarkets, Dec 2023: Independence is a 1,000 t/yr sintered NdFeB plant "
    "(https://fastmarkets.com/insights/e-vac-to-build-rare-earth-magnet-plant-in-south-carolina)",
    "mp-apple": "Apple release, 15 Jul 2025: $500M commitment to magnets from Independence and a recycling line "
    "at Mountain Pass (https://www.apple.com/newsroom/2025/07/apple-expands-us-supply-chain-with-500-million-"
    "usd-commitment); MP: shipments from 2027 (https://virginiatimesnow.com/?p=27355); Fort Worth Report via "
    "The SAG: $200M prepayment, Independence ~1,000 t/yr doubling to ~2,000 t "
    "(https://thesagonline.com/fort-worths-mp-materials-attracts-nearly-1b-in-deals-from-apple-defense-"
    "department)",
    # --- Other companies ---
    "ef-2024": "Energy Fuels release, 10 Jun 2024: Phase 1 design 850-1,000 t/yr NdPr; ~25-35 t of NdPr in "
    "Q2 2024 before switching to uranium (PR Newswire text https://advfn.com/stock-market/TSX/EFR/stock-news/"
    "94012899/energy-fuels-achieves-commercial-production-of-on); Q2 2024 results: uranium campaign 'through "
    "2025 and into 2026' (https://wallstreetpr.com/energy-fuels-announces-q2-2024-results-including-uranium-"
    "mining-and-successful-commissioning-of-commercial-rare-earth-separation-uuuu-stock-news-44056); EF "
    "release, 17 Jul 2025: Phase 1 circuit commissioned in April 2024 (https://ng.investing.com/news/company-"
    "news/energy-fuels-begins-pilot-production-of-heavy-rare-earth-oxides-93CH-2011476)",
    "ef-p2": "Energy Fuels release, 15 Jan 2026, Phase 2 bankable feasibility study: >6,000 t/yr NdPr, ~240 t "
    "Dy, ~66 t Tb; capex $410M; approval mid-2027, commissioning Q1 2029 (https://stocktwits.com/news-articles/"
    "markets/equity/why-is-uuuu-stock-rising-pre-market-today/cmU1lbWR47H)",
    "lynas-tx": "C&EN, Jan 2021, Lynas Texas light RE plant, up to $30M DoD, ~1,250 t/yr NdPr "
    "(https://cen.acs.org/materials/inorganic-chemistry/Lynas-build-Texas-rare-earths/99/i4); Magnetics "
    "Magazine, 2023, IBAS contract raised to ~$258M, Seadrift site (https://magneticsmag.com/u-s-dod-"
    "strengthens-support-for-lynas-u-s-facility/)",
    "lynas-2025": "The Northern Miner, 28 Aug 2025: 'significant uncertainty' over Seadrift; $288M received from "
    "DoD (https://secure.northernminer.com/news/lynas-flags-texas-rare-earths-plant-uncertainty/1003882176); "
    "The West Australian via The Oz Post, Nov 2025: chair at the AGM, 'unlikely the proposed facility will "
    "proceed' (https://www.theozpost.com/business/mining/lynas-texas-rare-earths-plant-scrapped.html)",
    "lynas-my": "Argus, Oct 2025: Lynas Sep-2025 quarter 2,003 t NdPr and 9 t Dy/Tb; expanded heavy RE circuit in "
    "Malaysia announced 29 Oct 2025 (https://www.argusmedia.com/en/news-and-insights/latest-market-news/"
    "2748095-lynas-rare-earth-output-rises-in-3q); Dec-2025 quarter 1,404 t NdPr and 26 t Dy/Tb "
    "(https://grafa.com/pt-BR/news/united-states/lynas-rare-earths-sees-30-drop-in-ndpr-output)",
    "evac": "DoD release, Sep 2023, $94.1M MCEIP award to e-VAC (https://www.defense.gov/News/Releases/Release/"
    "Article/3529874/); The Sumter Item, 2024: $111.8M 48C credit per the company's release "
    "(http://www.theitem.com/stories/sumters-new-evac-plant-gets-111m-in-tax-credits,414029); Fastmarkets, "
    "Dec 2023: operational late fall 2025, capacity not disclosed (https://fastmarkets.com/insights/e-vac-to-"
    "build-rare-earth-magnet-plant-in-south-carolina)",
    "evac-2025": "Rare Earth Exchanges, 15 Dec 2025, on e-VAC's release: first commercial US-made sintered "
    "magnets shipped; Sumter to reach 2,000 t/yr in 2026 (https://rareearthexchanges.com/news/a-magnet-ships-"
    "and-a-line-is-crossed)",
    "noveon": "Noveon Magnetics, Feb 2023: '>$35 million' DoD investment; plant built for 2,000 t/yr "
    "(https://noveon.co/noveon-jumpstart); Nidec deal, 1,000 t of magnets over five years; ~$250M revenue a "
    "year at 2,000 t (https://noveon.co/san-antonio-deal); 2023 revenue expected ~$10M "
    "(Washington Post reprint https://usaupdate24.com/meet-the-texas-startup-that-recycles-rare-earth-"
    "magnets-bypassing-china/)",
    "ucore": "Ucore, Louisiana SMC: staged 2,000 -> 5,000 -> 7,500 t/yr TREO (https://ucore.com/smc/); $18.4M DoD "
    "award finalised, total $22.4M with $4M (2023) (https://goldinvest.de/en/ucore-rare-metals-million-dollar-"
    "deal-with-us-department-of-defense-now-finalized/); operational readiness 2H 2026 "
    "(https://mining.in-focus.news/mining-news/202601/372232-ucore-rare-metals-secures-184-million-defense-"
    "contract-for-louisiana-rare-earth-facility)",
    "vulcan": "North Carolina Governor's release, 18 Nov 2025: Vulcan Elements, $918.1M, 10,000 t/yr magnet "
    "plant in Benson, NC (https://www.einpresswire.com/article/868454287/); Tectonic, 19 Nov 2025: initial "
    "operations in 2027 (https://www.tectonicdefense.com/?p=1050); Manufacturing Dive: $620M OSC, $50M CHIPS, "
    "$550M private (https://www.manufacturingdive.com/news/vulcan-elements-benson-north-carolina-magnet-"
    "facility-defense-rare-earth/806075); NC Construction News: state JDIG up to $17.6M over 12 years "
    "(https://www.ncconstructionnews.com/vulcan-elements-to-build-918m-rare-earth-magnet-plant-in-benson-"
    "adding-1000-jobs)",
    "reelement": "ReElement release, 9 Jun 2025: EXIM letter of interest up to $150M for Marion "
    "(https://6ix.com/company/american-resources-corp-class-a/news/reelement-technologies-corporation-"
    "receives-dollar150-million-letter-of-interest-from-united-states-exim-bank-to-advance-the-nations-"
    "largest-critical-mineral-refinery); Marion Phase-1 2,500-3,500 t/yr of separated REs, battery materials "
    "and antimony (https://stocktitan.net/news/AREC/re-element-technologies-provides-update-on-significant-"
    "expansion-of-q53cs8z6cqsa.html); Argus, 2024: Marion first phase 2,000 t/yr RE oxides "
    "(https://www.argusmedia.com/ja/news-and-insights/latest-market-news/2657883-reelement-begins-re-"
    "shipments-eyes-africa-plant); NS Energy, 29 Sep 2025: Noblesville expanded to >200 t/yr "
    "(https://www.nsenergybusiness.com/news/reelement-announces-noblesville-refinery-expansion-for-rare-earth-"
    "production/)",
    "aclara": "Aclara release, 24 Oct 2025: heavy RE separation at the Port of Vinton, LA, ~$277M, 200 t/yr Dy, "
    "30 t/yr Tb, 1,400 t/yr NdPr, completion 2027, ionic-clay feed from Brazil and Chile by mid-2028, Louisiana "
    "incentives $46.4M (https://www.mining.com/aclara-jumps-on-us-rare-earth-plant-plan; "
    "https://www.manufacturing.net/operations/news/22953331/aclara-invests-277m-to-build-rare-earth-facility-"
    "in-louisiana); Reuters, Sep 2024: Carina (Brazil) 191 t/yr Dy+Tb, Penco (Chile) much smaller "
    "(https://mining.com/aclara-resources-to-start-rare-earths-production-in-brazil-in-2027)",
    "usar-stw": "Mine Listings: Stillwater 1,200 t/yr initially, 4,800 t/yr nameplate "
    "(https://minelistings.com/mine-news/usa-rare-earth-produces-first-batch-of-magnets-at-oklahoma-plant); "
    "Magnetics Magazine, Dec 2025: commissioning early 2026 (https://magneticsmag.com/usa-rare-earth-charges-"
    "ahead-via-lcm-acquisition-new-execs-key-supply-deals-with-arnold-magnetic-permag-and-solvay-spanning-"
    "north-america-and-europe)",
    "usar-lcm": "USA Rare Earth release, 18 Nov 2025: acquisition of Less Common Metals completed; LCM to supply "
    "NdFeB strip-cast alloy to Stillwater (https://ng.investing.com/news/company-news/usa-rare-earth-completes-"
    "acquisition-of-less-common-metals-93CH-2215514); Chemweek via MRC: $100M plus 6.74M shares, Ellesmere "
    "Port plant (https://www.mrchub.com/news/419504-usa-rare-earth-to-buy-uk-based-rare-earth-metal-producer)",
    "phoenix": "Magnetics Magazine, Oct 2025, Phoenix Tailings opens Exeter NH metallization: 200 tons/yr light "
    "and heavy RE metals, scalable to >1,000 (https://magneticsmag.com/phoenix-tailings-opens-rare-earth-"
    "metallization-facility)",
    "neo": "Metalnomist, Dec 2025: Neo Performance Materials' Narva, Estonia magnet plant, Phase 1 2,000 t/yr, "
    "35% committed to a European traction-motor supplier, Bosch contract "
    "(https://www.metalnomist.com/2025/12/neo-estonia-rare-earth-magnet-plant.html)",
    # --- Trade, markets and technical ---
    "cn-magnets": "China customs data as reported: magnet exports to the US 'over 400 tons' a month in 2024, "
    "46 t in May 2025, 619 t Jul, 590 t Aug, 420 t Sep 2025 (https://asiacity.news/?p=138890); 353 t Jun 2025 "
    "(Reuters via https://profit.pakistantoday.com.pk/2025/07/21/chinas-rare-earth-magnet-exports-to-u-s-jump-"
    "660-in-june); Adamas: 58,152 t exported to all countries in 2024 "
    "(https://www.adamasintel.com/record-rare-earth-magnet-exports-from-china-in-2024/)",
    "heim": "Heim and Vander Wal, 'NdFeB Permanent Magnet Uses...', Minerals 13(10) 1274, Sep 2023: NdFeB "
    "total RE content ~30% as metal; consumer electronics ~30% of NdFeB demand (https://doi.org/10.3390/"
    "min13101274; entry https://encyclopedia.pub/entry/50309)",
    "acrei": "Metalnomist, Dec 2024, citing ACREI's Chen Zhanheng: NEVs 35% of global NdFeB demand "
    "(43,018 t in 2024), wind 4,848 t (https://metalnomist.com/2024/12/global-magnet-demand-trends-and.html)",
    "px-2024": "Fastmarkets: NdPr oxide fob China $53-55/kg (18 Apr 2024) and $50-52/kg (20 Jun 2024) "
    "(https://www.fastmarkets.com/insights/china-rare-earth-prices-turn-higher-as-sellers-insist-on-higher-"
    "prices; https://www.fastmarkets.com/?p=57207); Lynas: NdPr averaged US$51/kg in the Dec-2024 quarter "
    "(https://www.australianresourcesandinvestment.com.au/2025/01/17/lynas-enjoys-highest-prices-in-18-months/)",
    "px-2025": "Adamas, 2026: ~96% of Dy oxide consumed worldwide in 2025 priced at an average $224/kg; European "
    "asks were outliers (https://www.adamasintel.com/the-fallacy-of-european-rare-earth-prices-and-the-pras-"
    "that-promote-them); Argus via GMT Eight, May 2025: Europe Dy oxide $700-1,000/kg and Tb oxide "
    "$2,000-4,000/kg after the April controls, from $250-310 and $930-1,000 (https://gmteight.com/latest/detail/"
    "282683); MP realised $59/kg NdPr in Q3 2025 (https://investmentgems.net/2026/02/12/mp-materials-a-miner-"
    "trying-to-become-a-contracted-u-s-magnet-platform)",
    "px-high": "Lynas quarterly reports as quoted: China NdPr price US$144.2/kg in Mar 2022 and a US$120/kg "
    "average in the Jun-2022 quarter (https://forum.rareearthexchanges.com/threads/lynas-quarterly-ending-"
    "june-2025.1111)",
}
