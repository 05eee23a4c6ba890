//! The assessment of the handling departments (考核): each rate is a
//! numerator over a denominator, named and defined here once; a rate whose
//! denominator is 0 is empty, never 0 % or 100 %. The red and black lists
//! (红黑榜) rank only groups with enough tickets in the rate's denominator.
//!
//! `rates` names and defines the rates and ranks groups on them, `response`
//! holds the response time in force for an assignment, and `fold` sums the
//! rates ticket by ticket from the histories.

mod fold;
mod rates;
mod response;

pub(crate) use fold::Assessment;
pub(crate) use rates::{rank, Rate, Ratio, Sums, LISTED, RANKED_MIN, RATES};
pub(crate) use response::ResponseTimes;

#[cfg(test)]
mod tests;
