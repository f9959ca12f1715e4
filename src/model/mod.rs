//! The site as typed data: registries, pilots and pages, with every cross-reference
//! (province, field, indicator) resolved once, at load time, into a typed index.
//! Nothing here reads files or renders HTML.

pub mod cost;
pub mod criteria;
pub mod stats;

use std::fmt;

/// A typed index into one of the site's registries: its place there, in the registry's order.
macro_rules! registry_id {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u16);

        impl $name {
            /// Its place in its registry (`Site`'s vector of them).
            pub fn index(self) -> usize {
                usize::from(self.0)
            }

            /// The id of the entry at `index` in its registry.
            pub fn at(index: usize) -> Self {
                Self(index as u16)
            }
        }
    )*};
}

registry_id! {
    /// A province or city of `provinces.yaml`.
    ProvinceId;
    /// A region of `regions.yaml`.
    RegionId;
    /// A field of `fields.yaml`.
    FieldId;
    /// An indicator of `indicators.yaml`.
    IndicatorId;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// A name given in both site languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized {
    pub vi: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En if self.en.is_empty() => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: Lang,
    pub theme: String,
    /// Publish each photo as sent, metadata and all, at its own path (site.yaml
    /// `publish_original_photos`; by default its largest processed variant is there).
    pub publish_original_photos: bool,
}

impl SiteConfig {
    /// The path part of `base_url`, starting and ending with `/`: every published link starts with it.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map(|(_, rest)| rest).unwrap_or(&self.base_url);
        let path = after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("/");
        if path.ends_with('/') { path.to_string() } else { format!("{path}/") }
    }
}

#[derive(Debug, Clone)]
pub struct Region {
    pub slug: String,
    pub name: Localized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProvinceKind {
    Province,
    City,
}

#[derive(Debug, Clone)]
pub struct FormerUnit {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Province {
    pub slug: String,
    pub name: String,
    pub kind: ProvinceKind,
    pub region: Option<RegionId>,
    pub former: Vec<FormerUnit>,
}

impl Province {
    /// The name of a unit this province was formed from, or its own name.
    pub fn former_name(&self, slug: &str) -> Option<&str> {
        if slug == self.slug && self.former.is_empty() {
            return Some(&self.name);
        }
        self.former.iter().find(|f| f.slug == slug).map(|f| f.name.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub slug: String,
    pub name: Localized,
    pub description: String,
}

/// The four pillars of the indicator catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    ChinhQuyenSo,
    KinhTeSo,
    XaHoiSo,
    HaTangSo,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::ChinhQuyenSo, Group::KinhTeSo, Group::XaHoiSo, Group::HaTangSo];

    pub fn slug(self) -> &'static str {
        match self {
            Group::ChinhQuyenSo => "chinh-quyen-so",
            Group::KinhTeSo => "kinh-te-so",
            Group::XaHoiSo => "xa-hoi-so",
            Group::HaTangSo => "ha-tang-so",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Percent,
    Count,
    Number,
    Boolean,
    MillionVnd,
}

impl Unit {
    pub const ALL: [Unit; 5] = [Unit::Percent, Unit::Count, Unit::Number, Unit::Boolean, Unit::MillionVnd];

    /// The name used in indicators.yaml.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Number => "number",
            Unit::Boolean => "boolean",
            Unit::MillionVnd => "million_vnd",
        }
    }

    /// The widest range a value of this unit may take, whatever the catalog says: far past
    /// any commune's figure, and small enough that every sum, difference and chart axis
    /// over all pilots stays finite and exact to the unit (a value of 1e308 would overflow
    /// the dashboard's arithmetic). Booleans are not numbers and have none.
    pub fn hard_limits(self) -> (f64, f64) {
        match self {
            Unit::Percent => (-PERCENT_LIMIT, PERCENT_LIMIT),
            Unit::Count => (-COUNT_LIMIT, COUNT_LIMIT),
            Unit::MillionVnd => (-AMOUNT_LIMIT, AMOUNT_LIMIT),
            Unit::Number | Unit::Boolean => (-NUMBER_LIMIT, NUMBER_LIMIT),
        }
    }
}

/// The largest percentage a catalog may allow (a hundredfold growth).
pub const PERCENT_LIMIT: f64 = 10_000.0;
/// The largest count: a billion products, people or records.
pub const COUNT_LIMIT: f64 = 1e9;
/// The largest amount, in millions of đồng or hectares (10^15 đồng: more than the country's budget).
pub const AMOUNT_LIMIT: f64 = 1e9;
/// The largest plain number.
pub const NUMBER_LIMIT: f64 = 1e12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
}

/// A metric value: a number or a yes/no.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number(f64),
    Bool(bool),
}

impl Value {
    /// The value on a number line: true counts as 1, false as 0.
    pub fn as_f64(self) -> f64 {
        match self {
            Value::Number(n) => n,
            Value::Bool(b) => f64::from(u8::from(b)),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Target {
    pub value: Value,
    pub year: Option<i32>,
    pub source: Option<String>,
    /// The target as the Decision words it (`wording:` in indicators.yaml), shown instead
    /// of a computed "≥ value".
    pub wording: Option<Localized>,
    /// When the national target is a share of communes (`communes_share: 70`: at least
    /// 70 % of communes meet `value`), that share in percent; a pilot meets `value`.
    pub communes_share: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub group: Group,
    pub name: Localized,
    pub unit: Unit,
    pub better: Better,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub target: Option<Target>,
    /// The range most pilots' values fall in (`typical: { min, max }`): plausibility checks
    /// read it to tell a fraction from a percentage and a thousands separator from a point.
    pub typical: Option<(f64, f64)>,
    pub description: String,
}

impl Indicator {
    /// Whether `value` reaches `threshold` in this indicator's good direction.
    pub fn reaches(&self, value: Value, threshold: Value) -> bool {
        match (value, threshold) {
            (Value::Bool(v), Value::Bool(t)) => v || !t,
            (v, t) => match self.better {
                Better::Higher => v.as_f64() >= t.as_f64(),
                Better::Lower => v.as_f64() <= t.as_f64(),
            },
        }
    }

    /// Whether `value` meets the national target; `None` when there is no target.
    pub fn meets_target(&self, value: Value) -> Option<bool> {
        self.target.as_ref().map(|t| self.reaches(value, t.value))
    }

    /// The bounds a value must stay within: the catalog's, narrowed by the unit.
    pub fn bounds(&self) -> (Option<f64>, Option<f64>) {
        let (umin, umax) = match self.unit {
            Unit::Percent => (Some(0.0), Some(100.0)),
            Unit::Count => (Some(0.0), None),
            _ => (None, None),
        };
        (self.min.or(umin), self.max.or(umax))
    }

    /// The range a value must stay within: `bounds`, inside the unit's hard limits.
    pub fn limits(&self) -> (f64, f64) {
        let (lo, hi) = self.unit.hard_limits();
        let (min, max) = self.bounds();
        (min.map_or(lo, |m| m.max(lo)), max.map_or(hi, |m| m.min(hi)))
    }
}

/// A calendar date as written in front matter (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: i32 = s[0..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        let day: u8 = s[8..10].parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Planned,
    Ongoing,
    Completed,
    Recognized,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Planned, Status::Ongoing, Status::Completed, Status::Recognized];

    /// The name used in metrics.yaml.
    pub fn name(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
            Status::Completed => "completed",
            Status::Recognized => "recognized",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Budget {
    pub total: Option<f64>,
    pub central: Option<f64>,
    pub local: Option<f64>,
    pub other: Option<f64>,
}

/// One reported value of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub indicator: IndicatorId,
    pub value: Value,
    pub year: Option<i32>,
    /// Where the value comes from: its own `source`, else the pilot's. A blank string is
    /// no source (the loader stores `None`).
    pub source: Option<String>,
    pub note: Option<String>,
}

/// Which values an aggregate counts: every value, or only those with a source. Here, not
/// in `criteria`, because `cost` counts budgets in a scope too and `criteria` uses `cost`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Sourced,
}

impl Scope {
    /// Whether a value counts in this scope.
    pub fn admits(self, m: &Metric) -> bool {
        self == Scope::All || m.is_sourced()
    }
}

/// Whether a value can be traced to a public source. The tag belongs to the value, not
/// the pilot: a sample pilot may hold sourced values beside illustrative ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provenance {
    /// The value names its source (its own or the pilot's).
    Sourced,
    /// No source: only allowed in a `sample: true` pilot, shown and downloaded as such.
    Illustrative,
}

impl Provenance {
    /// The stable name used in downloads (`sourced` | `illustrative`).
    pub fn name(self) -> &'static str {
        match self {
            Provenance::Sourced => "sourced",
            Provenance::Illustrative => "illustrative",
        }
    }
}

impl Metric {
    pub fn provenance(&self) -> Provenance {
        if self.source.is_some() { Provenance::Sourced } else { Provenance::Illustrative }
    }

    pub fn is_sourced(&self) -> bool {
        self.provenance() == Provenance::Sourced
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub indicator: IndicatorId,
    pub threshold: Value,
    pub note: Option<String>,
}

/// A Markdown document from content: its text and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Site-relative path of the file, e.g. `content/pilots/an-giang/thoai-giang/index.md`.
    pub path: String,
    /// Site-relative folder that relative links and images are resolved against.
    pub dir: String,
    pub markdown: String,
    /// Lines before the Markdown body in the file (the front matter), for diagnostics.
    pub line_offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pilot {
    pub province: ProvinceId,
    /// The commune folder name: the pilot's identity with the province.
    pub slug: String,
    pub commune: String,
    pub title: String,
    pub summary: String,
    /// An optional English summary (`summary_en`), shown when the site's language is English.
    pub summary_en: Option<String>,
    pub date: Date,
    pub updated: Option<Date>,
    pub authors: Vec<String>,
    pub former_province: Option<String>,
    pub former_district: Option<String>,
    pub fields: Vec<FieldId>,
    pub period: (i32, i32),
    pub status: Status,
    pub population: Option<u64>,
    pub households: Option<u64>,
    pub area_ha: Option<f64>,
    pub budget: Option<Budget>,
    pub sample: bool,
    /// The pilot's `source:`, the source of every value that names none (blank is none).
    pub source: Option<String>,
    /// In catalog order.
    pub metrics: Vec<Metric>,
    pub baseline: Vec<Metric>,
    pub proposals: Vec<Proposal>,
    pub doc: Document,
}

/// Of a set of values, how many name a source, and how many there are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourcedCount {
    pub sourced: usize,
    pub values: usize,
}

impl Pilot {
    pub fn metric(&self, id: IndicatorId) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.indicator == id)
    }

    pub fn baseline(&self, id: IndicatorId) -> Option<&Metric> {
        self.baseline.iter().find(|m| m.indicator == id)
    }

    /// Every value the pilot reports: its indicators, then its baseline.
    pub fn values(&self) -> impl Iterator<Item = &Metric> {
        self.metrics.iter().chain(&self.baseline)
    }

    /// How many of `values()` are sourced, and how many there are.
    pub fn sourced_values(&self) -> SourcedCount {
        self.values().fold(SourcedCount::default(), |c, m| SourcedCount {
            sourced: c.sourced + usize::from(m.is_sourced()),
            values: c.values + 1,
        })
    }

    /// The summary a reader of `lang` sees: `summary_en` on an English site when given.
    pub fn summary_for(&self, lang: Lang) -> &str {
        match (lang, &self.summary_en) {
            (Lang::En, Some(en)) => en,
            _ => &self.summary,
        }
    }

    pub fn primary_field(&self) -> Option<FieldId> {
        self.fields.first().copied()
    }

    /// The date of the latest change: `updated`, else `date`.
    pub fn last_changed(&self) -> Date {
        self.updated.unwrap_or(self.date)
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub doc: Document,
}

/// Everything loaded from a site root.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub regions: Vec<Region>,
    pub provinces: Vec<Province>,
    pub fields: Vec<Field>,
    pub indicators: Vec<Indicator>,
    /// Sorted by province, then commune slug.
    pub pilots: Vec<Pilot>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// Folders of pilots that exist but could not be loaded (their errors are reported):
    /// links to them are not reported again as broken.
    pub unloaded_pilots: Vec<(ProvinceId, String)>,
}

impl Site {
    pub fn province(&self, id: ProvinceId) -> &Province {
        &self.provinces[id.index()]
    }
    pub fn field(&self, id: FieldId) -> &Field {
        &self.fields[id.index()]
    }
    pub fn indicator(&self, id: IndicatorId) -> &Indicator {
        &self.indicators[id.index()]
    }
    pub fn region(&self, id: RegionId) -> &Region {
        &self.regions[id.index()]
    }
    pub fn indicator_ids(&self) -> impl Iterator<Item = IndicatorId> + '_ {
        (0..self.indicators.len()).map(IndicatorId::at)
    }
    pub fn province_ids(&self) -> impl Iterator<Item = ProvinceId> + '_ {
        (0..self.provinces.len()).map(ProvinceId::at)
    }
    pub fn field_ids(&self) -> impl Iterator<Item = FieldId> + '_ {
        (0..self.fields.len()).map(FieldId::at)
    }
    pub fn region_ids(&self) -> impl Iterator<Item = RegionId> + '_ {
        (0..self.regions.len()).map(RegionId::at)
    }

    /// The pilots of one province, in their order (one pass over the pilots).
    pub fn pilots_in(&self, id: ProvinceId) -> impl Iterator<Item = &Pilot> + '_ {
        self.pilots.iter().filter(move |p| p.province == id)
    }

    /// The pilots that list a field, in their order (one pass over the pilots).
    pub fn pilots_of_field(&self, id: FieldId) -> impl Iterator<Item = &Pilot> + '_ {
        self.pilots.iter().filter(move |p| p.fields.contains(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_validated() {
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("10/05/2024").is_none());
    }

    #[test]
    fn base_path_comes_from_base_url() {
        let mut c = SiteConfig {
            title: String::new(),
            description: String::new(),
            base_url: "https://example.gov.vn/ntm-thong-minh/".into(),
            language: Lang::Vi,
            theme: "default".into(),
            publish_original_photos: false,
        };
        assert_eq!(c.base_path(), "/ntm-thong-minh/");
        c.base_url = "https://example.gov.vn".into();
        assert_eq!(c.base_path(), "/");
    }
}
