//! Brazil.

pub mod cnpj;
pub mod cpf;
