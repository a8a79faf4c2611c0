//! Belgium.

pub mod national_number;
