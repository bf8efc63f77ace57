"""Stakeholders, including migrants (ToR 3(d)(i)): good practices proposed by civil-society and migrants'
organisations through a public form, and public consultations they answer without an account.

Both are moderated by the secretariat; the organisations are written to in the language they wrote in.
"""
